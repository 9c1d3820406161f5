using WalletGateway.Contracts;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;

namespace WalletGateway.Terminal.Protocol;

/// <summary>
/// Drives one provisioning: opens the session, authenticates the member, then relays APDUs
/// between the gateway and the chip until the gateway says it is done. The app cannot read
/// what it relays; it only looks at command headers to name the stage it reports.
/// </summary>
public sealed class ProvisioningRunner
{
    private static readonly TimeSpan AbortTimeout = TimeSpan.FromSeconds(5);

    private readonly GatewayClient _client;
    private readonly SoftSecureElement _chip;

    /// <summary>Creates a runner that writes to <paramref name="chip"/> through <paramref name="client"/>.</summary>
    public ProvisioningRunner(GatewayClient client, SoftSecureElement chip)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(chip);
        _client = client;
        _chip = chip;
    }

    /// <summary>
    /// Writes the member's card onto the chip, every request in one trace (<see cref="CardTrace"/>). Gateway refusals propagate as <see cref="GatewayProblemException"/>.
    /// When <paramref name="ct"/> cancels after the session opened, the session is aborted (best effort) so the
    /// card is released at once rather than when the session expires.
    /// </summary>
    public async Task<ProvisioningResult> ProvisionAsync(
        string deviceToken,
        string issuerId,
        string memberId,
        string accessCode,
        IProgress<ProvisioningProgress>? progress = null,
        CancellationToken ct = default)
    {
        using var trace = CardTrace.Start();
        progress?.Report(new(ProvisioningProgress.OpeningSession, 0, 0, 0));
        var session = await _client.OpenSessionAsync(deviceToken, issuerId, _chip.ChipId, ct);
        try
        {
            progress?.Report(new(ProvisioningProgress.AuthenticatingMember, session.Seq, 0, 0));
            var step = await _client.AuthenticateAsync(deviceToken, session.SessionId, session.Seq, memberId, accessCode, ct);
            var card = step.Card;
            var roundTrips = 2;
            var relayed = 0;
            while (!step.Done)
            {
                var commands = Parse(step);
                progress?.Report(new(StageOf(commands), step.Seq, commands.Length, relayed));
                var responses = RelayToChip(_chip, commands);
                relayed += responses.Count;
                if (commands.Take(responses.Count).Any(IsLastStoreData))
                {
                    progress?.Report(new(ProvisioningProgress.VerifyingReceipt, step.Seq, 0, relayed));
                }

                step = await _client.RelayAsync(deviceToken, session.SessionId, step.Seq, responses, ct);
                roundTrips++;
            }

            var outcome = step.Result ?? throw new InvalidOperationException("A finished step always carries a result.");
            return new ProvisioningResult(
                session.SessionId, outcome.CardId, outcome.Status, roundTrips, relayed, card, trace.TraceId.ToHexString(), session.RemovalsPending);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await AbortAfterCancelAsync(deviceToken, session.SessionId);
            throw;
        }
    }

    /// <summary>Relays the APDUs of a gateway step to the chip, as <see cref="RelayToChip(SoftSecureElement, IEnumerable{byte[]})"/> does.</summary>
    public static List<string> RelayToChip(SoftSecureElement chip, SessionStepResponse step) => RelayToChip(chip, Parse(step));

    /// <summary>
    /// What the app does between two gateway steps: sends the step's APDUs to the chip in order and
    /// stops after the first response whose status word is not 9000 (docs/terminal-protocol.md).
    /// </summary>
    public static List<string> RelayToChip(SoftSecureElement chip, IEnumerable<byte[]> commands)
    {
        var responses = new List<string>();
        foreach (var command in commands)
        {
            var response = chip.Transmit(command);
            responses.Add(Hex.Format(response));
            if (response is not [.., 0x90, 0x00])
            {
                break;
            }
        }

        return responses;
    }

    // The whole step is parsed before the first byte reaches the chip: bad hex must not leave it half fed.
    private static byte[][] Parse(SessionStepResponse step) => [.. step.ApdusOrEmpty.Select(Hex.Parse)];

    private static string StageOf(byte[][] commands) =>
        commands.Any(c => c.Length > 1 && c[1] is Instructions.Install or Instructions.StoreData) ? ProvisioningProgress.WritingCard
        : commands.Any(c => c.Length > 1 && c[1] is Instructions.Select or Instructions.InitializeUpdate or Instructions.ExternalAuthenticate) ? ProvisioningProgress.OpeningSecureChannel
        : ProvisioningProgress.RelayingToChip;

    /// <summary>Whether a command is the last STORE DATA block: once the chip has taken it, the chip holds the card.</summary>
    public static bool IsLastStoreData(byte[] command) =>
        command.Length > 2 && command[1] == Instructions.StoreData && StoreDataP1.IsLastBlock(command[2]);

    private async Task AbortAfterCancelAsync(string deviceToken, string sessionId)
    {
        using var timeout = new CancellationTokenSource(AbortTimeout);
        try
        {
            await _client.AbortAsync(deviceToken, sessionId, timeout.Token);
        }
        catch (Exception ex) when (ex is GatewayProblemException or HttpRequestException or OperationCanceledException)
        {
            // Best effort only: the caller cancelled, and an unaborted session still expires on its own.
        }
    }
}
