using System.Security.Cryptography;

namespace WalletGateway.SecureChannel;

// Secure messaging once the handshake is done: wrapping commands (C-DEC, C-MAC), unwrapping responses (R-MAC, R-ENC).
public sealed partial class HostSecureChannel
{
    /// <summary>
    /// Wraps a command at the session's level (C-DEC then C-MAC) and advances counter and chain. Allowed as soon as
    /// EXTERNAL AUTHENTICATE is built, so that a batch can carry it and the commands after it.
    /// </summary>
    public WrappedCommand Wrap(CommandApdu command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var messaging = EnsureEstablished();
        _counter++;
        byte[] data = command.Data;
        if ((_securityLevel & Scp03.CDecryption) != 0 && data.Length > 0)
        {
            data = messaging.EncryptCommand(_counter, data);
        }

        if (data.Length + Scp03.S8 > 255)
        {
            throw new ArgumentException("The wrapped command does not fit a short APDU.", nameof(command));
        }

        byte cla = (byte)(command.Cla | ClassBytes.SecureMessaging);
        var mac = messaging.CommandMac(_chain, cla, command.Ins, command.P1, command.P2, data);
        _chain = mac;
        var wrapped = new CommandApdu(cla, command.Ins, command.P1, command.P2, [.. data, .. mac.AsSpan(0, Scp03.S8)], command.Ne);
        return new WrappedCommand(command, wrapped.ToBytes(), (byte[])mac.Clone(), _counter);
    }

    /// <summary>
    /// Verifies the R-MAC of a response to <paramref name="command"/> and decrypts its data. An error status word
    /// comes back bare, and closes the channel as it closed on the card.
    /// </summary>
    public ResponseApdu Unwrap(WrappedCommand command, ResponseApdu response)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(response);
        var messaging = EnsureEstablished();
        if (!response.IsNormalOrWarning)
        {
            if (response.Data.Length != 0)
            {
                throw Fail($"Error status word {response.StatusWord:X4} came with data.");
            }

            Close();
            return response;
        }

        byte[] data = response.Data;
        if ((_securityLevel & Scp03.RMac) != 0)
        {
            if (data.Length < Scp03.S8)
            {
                throw Fail("Response has no R-MAC.");
            }

            var body = data.AsSpan(0, data.Length - Scp03.S8);
            var expected = messaging.ResponseMac(command.Chain, body, response.StatusWord);
            if (!CryptographicOperations.FixedTimeEquals(expected, data.AsSpan(body.Length)))
            {
                throw Fail("R-MAC does not verify.");
            }

            data = body.ToArray();
        }

        if ((_securityLevel & Scp03.REncryption) != 0 && data.Length > 0)
        {
            if (!messaging.TryDecryptResponse(command.Counter, data, out var plaintext))
            {
                throw Fail("R-ENC data is not whole blocks with pad80.");
            }

            data = plaintext;
        }

        return new ResponseApdu(data, response.StatusWord);
    }
}
