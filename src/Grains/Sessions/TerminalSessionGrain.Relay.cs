using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

// The relay step: the chip's responses go through the script once; what the answer depends on (the chip claimed once it
// proved itself, the card's "card data out" record, the activation) is kept pending until done, so a retry resumes there.
public sealed partial class TerminalSessionGrain
{
    public async Task<StepResponse> RelayAsync(string deviceId, int seq, IReadOnlyList<string> responses)
    {
        var fingerprint = StepLedger.Fingerprint(responses);
        if (BeginStep(deviceId, seq, fingerprint, SessionState.Authenticated, SessionState.Writing) is { } earlier)
        {
            return earlier;
        }

        var removal = _session.Removal is not null;
        var pending = _session.Pending
            ?? (removal ? await RunRemovalScriptAsync(seq, fingerprint, responses) : await RunScriptAsync(seq, fingerprint, responses));
        if (!StepLedger.SameRequest(pending.Fingerprint, fingerprint))
        {
            throw new GatewayException(GatewayError.SequenceConflict, $"Step {seq} is being answered for a different request; retry it unchanged.");
        }

        if (removal)
        {
            return pending.Receipt is { } outcome ? await FinishRemovalAsync(pending, outcome) : await HandOutRemovalAsync(pending);
        }

        return pending.Receipt is { } receipt ? await FinishAsync(pending, receipt) : await HandOutAsync(pending);
    }

    /// <summary>Runs the chip's responses through the script and keeps the outcome pending; a failed verification ends the session.</summary>
    private async Task<PendingRelay> RunScriptAsync(int seq, string fingerprint, IReadOnlyList<string> responses)
    {
        var step = Advance(_script!, responses);
        _session = _session with { Script = _session.Script! with { Relayed = [.. _session.Script.Relayed, [.. responses]] } };
        switch (step.Kind)
        {
            case ScriptStepKind.SendApdus:
                _session = _session with { Pending = new PendingRelay(seq, fingerprint, Format(step.Apdus), null) };
                return _session.Pending;

            case ScriptStepKind.Done:
                _session = _session with { Pending = new PendingRelay(seq, fingerprint, [], Hex.Format(_script!.Receipt)) };
                return _session.Pending;

            default:
                throw await ChipRefusedAsync(step, "the card was released");
        }
    }

    /// <summary>Runs the chip's responses through a script; a list that cannot answer its batch is a bad request.</summary>
    private static ScriptStep Advance(ChannelScript script, IReadOnlyList<string> responses)
    {
        try
        {
            return script.Next([.. responses.Select(Hex.Parse)]);
        }
        catch (Exception e) when (e is FormatException or ScriptInputException)
        {
            throw new GatewayException(GatewayError.InvalidRequest, e.Message);
        }
    }

    /// <summary>A chip answer failed verification: the session ends failed; the exception to throw says what became of the card.</summary>
    private async Task<GatewayException> ChipRefusedAsync(ScriptStep step, string cardOutcome)
    {
        LogChipRefused(logger, SessionId, step.FailureReason ?? "");
        await EndAsync(SessionState.Failed, "chip-verification-failed");
        return new GatewayException(GatewayError.ChipVerificationFailed,
            $"The chip's response failed verification ({step.FailureReason}); the session has ended and {cardOutcome}.");
    }

    private async Task<StepResponse> HandOutAsync(PendingRelay pending)
    {
        await ProveChipOnceAsync(_script!);

        // From the first STORE DATA block on, a lease that runs out unended leaves the card bound to this chip.
        if (!_session.CardDataOut && _script!.CardDataSent)
        {
            await Claims.Card(_session.IssuerId, _session.CardRef!).RecordCardDataOutAsync(
                SessionId, _session.ChipId, clock.LeaseUntil(_session.HardDeadline), _session.DeviceId, _session.CardId!);
            _session = _session with { CardDataOut = true };
        }

        _session = _session with { State = SessionState.Writing, Pending = null };
        return EndStep(pending.Seq, pending.Fingerprint, new StepResponse(pending.Seq + 1, pending.Apdus, false, null, null));
    }

    /// <summary>EXTERNAL AUTHENTICATE is built from the chip's verified card cryptogram: once it is out, the chip has proved itself.</summary>
    private async Task ProveChipOnceAsync(ChannelScript script)
    {
        if (_session.ChipProven || !script.ChipAuthenticated)
        {
            return;
        }

        try
        {
            await Claims.ProveChipAsync(_session.DeviceId, _session.ChipId, _session.HardDeadline);
        }
        catch (GatewayException e) when (e.Error == GatewayError.ChipBusy)
        {
            await EndAsync(SessionState.Aborted, "chip-busy");
            throw;
        }

        _session = _session with { ChipProven = true };
    }

    private async Task<StepResponse> FinishAsync(PendingRelay pending, string receipt)
    {
        // Idempotent: an activation that landed although its write reported a failure is recognised as done.
        await Claims.Card(_session.IssuerId, _session.CardRef!).ActivateAsync(SessionId, receipt);
        _session = _session with { State = SessionState.Active, LeaseHeld = false, Script = null, Pending = null };
        _script = null;
        await Claims.ReleaseAsync(_session);
        metrics.Completed();
        // The card's outbox tells the issuer (recorded in the activation's write, delivered until acknowledged).
        LogActivated(logger, SessionId, _session.IssuerId);
        return EndStep(pending.Seq, pending.Fingerprint,
            new StepResponse(pending.Seq + 1, [], true, null, new ProvisioningResult(CardStatus.Active.ToWire(), _session.CardId!)));
    }
}
