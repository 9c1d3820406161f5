namespace WalletGateway.SecureChannel;

// Checking the terminal's responses to a batch: the shape of the list, then each response against its command.
public abstract partial class ChannelScript
{
    private void ValidateInput(IReadOnlyList<byte[]>? responses)
    {
        if (responses is null || responses.Count == 0)
        {
            throw new ScriptInputException("No responses.");
        }

        if (responses.Count > _batch.Count)
        {
            throw new ScriptInputException($"{responses.Count} responses to a batch of {_batch.Count} APDUs.");
        }

        foreach (var response in responses)
        {
            if (response is null || response.Length < 2)
            {
                throw new ScriptInputException("A response is shorter than a status word.");
            }
        }

        if (responses.Count < _batch.Count && ResponseApdu.Parse(responses[^1]).IsSuccess)
        {
            throw new ScriptInputException("The responses stop early after a 9000.");
        }
    }

    private void Verify(SentCommand sent, ResponseApdu response)
    {
        switch (sent.Index)
        {
            case SelectIndex:
                if (!response.IsSuccess)
                {
                    throw new SecureChannelException($"SELECT ISD answered {response.StatusWord:X4}.");
                }

                break;
            case InitializeUpdateIndex:
                _externalAuthenticate = _channel.Authenticate(response);
                break;
            case ExternalAuthenticateIndex:
                _channel.CompleteAuthentication(response);
                break;
            default:
                var plain = _channel.Unwrap(sent.Wrapped!, response);
                if (!plain.IsSuccess)
                {
                    throw new SecureChannelException($"{Describe(sent.Index)} answered {plain.StatusWord:X4}.");
                }

                if (sent.Index == _commands.Count - 1)
                {
                    VerifyLastResponse(plain);
                }

                break;
        }
    }

    private string Describe(int index) => index switch
    {
        InstallIndex => "INSTALL [for personalization]",
        _ => $"STORE DATA block {index - FirstBlockIndex}",
    };
}
