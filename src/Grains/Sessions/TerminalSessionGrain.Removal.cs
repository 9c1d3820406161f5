using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

// A removal session (docs/terminal-protocol.md, "Removal"): the removal step instead of authenticate, then relays of the
// removal script. The chip proves itself with its card cryptogram (no access code); once its DF71 answer verified, the
// card records the removal in one write. A pending relay's Receipt holds the verified outcome ("01" removed, "00" absent).
public sealed partial class TerminalSessionGrain
{
    private const string RemovedOutcome = "01";
    private const string AbsentOutcome = "00";

    // Not state: rebuilt from _session.Removal while the removal script runs.
    private RemovalScript? _removalScript;

    public async Task<StepResponse> RemoveAsync(string deviceId, int seq, string cardId)
    {
        var fingerprint = StepLedger.Fingerprint(["remove", cardId]);
        if (BeginStep(deviceId, seq, fingerprint, SessionState.Open) is { } earlier)
        {
            return earlier;
        }

        // The chip index finds the card; the card itself says whether it is this chip's to remove.
        var locations = await grains.GetGrain<IChipCardsGrain>(_session.ChipId).ListAsync();
        var location = locations.FirstOrDefault(l => l.IssuerId == _session.IssuerId && l.CardId == cardId)
            ?? throw new GatewayException(GatewayError.CardNotFound, "The gateway has no such card of this issuer on this chip.");
        await Claims.Card(_session.IssuerId, location.CardRef).BeginRemovalAsync(SessionId, _session.ChipId, cardId, _session.HardDeadline, _session.DeviceId);

        // The host challenge is chosen here, so the script can be rebuilt on another silo (migration).
        var input = new RemovalInput(RandomNumberGenerator.GetBytes(8), []);
        _session = _session with { CardRef = location.CardRef, CardId = cardId, Removal = input, State = SessionState.Authenticated };
        _removalScript = scripts.CreateRemoval(_session.ChipId, cardId, input.HostChallenge);
        var first = _removalScript.Start();
        return EndStep(seq, fingerprint, new StepResponse(seq + 1, Format(first.Apdus), false, null, null));
    }

    private async Task<PendingRelay> RunRemovalScriptAsync(int seq, string fingerprint, IReadOnlyList<string> responses)
    {
        var script = _removalScript!;
        var step = Advance(script, responses);
        _session = _session with { Removal = _session.Removal! with { Relayed = [.. _session.Removal.Relayed, [.. responses]] } };
        switch (step.Kind)
        {
            case ScriptStepKind.SendApdus:
                _session = _session with { Pending = new PendingRelay(seq, fingerprint, Format(step.Apdus), null) };
                return _session.Pending;

            case ScriptStepKind.Done:
                var outcome = script.Removed == true ? RemovedOutcome : AbsentOutcome;
                _session = _session with { Pending = new PendingRelay(seq, fingerprint, [], outcome) };
                return _session.Pending;

            default:
                throw await ChipRefusedAsync(step, "the card stays bound to its chip");
        }
    }

    private async Task<StepResponse> HandOutRemovalAsync(PendingRelay pending)
    {
        await ProveChipOnceAsync(_removalScript!);
        _session = _session with { State = SessionState.Writing, Pending = null };
        return EndStep(pending.Seq, pending.Fingerprint, new StepResponse(pending.Seq + 1, pending.Apdus, false, null, null));
    }

    private async Task<StepResponse> FinishRemovalAsync(PendingRelay pending, string outcome)
    {
        var removed = outcome == RemovedOutcome;
        // Idempotent: a completion that landed although its write reported a failure is recognised as done.
        var card = await Claims.Card(_session.IssuerId, _session.CardRef!).CompleteRemovalAsync(
            SessionId, _session.ChipId, _session.CardId!, _session.DeviceId, removed);
        _session = _session with { State = SessionState.Removed, Removal = null, Pending = null };
        _removalScript = null;
        await Claims.ReleaseAsync(_session);
        metrics.Removed(card.LastRemoval?.Kind ?? "removal");
        LogRemoved(logger, SessionId, _session.IssuerId, removed);
        return EndStep(pending.Seq, pending.Fingerprint, new StepResponse(pending.Seq + 1, [], true, null,
            new ProvisioningResult(SessionState.Removed.ToWire(), _session.CardId!) { Removed = removed }));
    }

    /// <summary>An unfinished removal session lets go of its card (which stays as it was); nothing for a provisioning.</summary>
    private async Task EndRemovalAsync(string reason)
    {
        _removalScript = null;
        if (_session.Removal is null || _session.CardRef is null)
        {
            return;
        }

        try
        {
            await Claims.Card(_session.IssuerId, _session.CardRef).EndRemovalAsync(SessionId);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The card's in-memory hold ends by itself at the session's deadline.
            LogLeaseLeftToRunOut(logger, SessionId, reason, e.GetType().Name);
        }
    }

    private void RehydrateRemoval()
    {
        if (_session.Removal is not { } input || _session.CardId is null)
        {
            return;
        }

        _removalScript = scripts.CreateRemoval(_session.ChipId, _session.CardId, input.HostChallenge);
        _removalScript.Start();
        foreach (var answers in input.Relayed)
        {
            _removalScript.Next([.. answers.Select(Hex.Parse)]);
        }
    }

    [LoggerMessage(EventId = 1009, Level = LogLevel.Debug, Message = "Session {SessionId} took a card of issuer {IssuerId} off its chip (held it: {Removed})")]
    private static partial void LogRemoved(ILogger logger, Guid sessionId, string issuerId, bool removed);
}
