using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// Runs one provisioning: authenticate the member with the issuer, lease the card, then relay the
/// SCP03 personalisation script through the terminal until the chip's receipt verifies.
/// Not reentrant (the default): steps of one session never interleave.
/// </summary>
public sealed partial class TerminalSessionGrain(
    IGrainFactory grains,
    IssuerClient issuers,
    IOptions<SessionOptions> sessionOptions,
    IOptions<SecureElementOptions> secureElementOptions,
    GatewayClock clock,
    SessionMetrics metrics,
    LocalSessions localSessions,
    ILogger<TerminalSessionGrain> logger) : Grain, ITerminalSessionGrain, IGrainMigrationParticipant
{
    private readonly SessionOptions _options = sessionOptions.Value;
    private SessionState _state;
    private string _deviceId = "";
    private string _issuerId = "";
    private string _chipId = "";
    private int _expectedSeq;
    private DateTimeOffset _idleDeadline;
    private DateTimeOffset _hardDeadline;
    private IGrainTimer? _expiryTimer;
    private PersonalizationScript? _script;
    private string? _cardRef;
    private string? _cardId;
    private bool _leaseHeld;
    private LastStep? _last;
    private (string Fingerprint, IssuerCard Card)? _issuerAnswer;

    private Guid SessionId => this.GetPrimaryKey();

    private DateTimeOffset ExpiresAt => _idleDeadline < _hardDeadline ? _idleDeadline : _hardDeadline;

    private async Task<SessionView> OpenCoreAsync(string deviceId, string issuerId, string chipId)
    {
        if (_state != SessionState.None)
        {
            // The frontend retries an open whose call was rejected in transit: the same open again is answered again.
            return _state == SessionState.Open && _deviceId == deviceId && _issuerId == issuerId
                   && string.Equals(_chipId, chipId, StringComparison.OrdinalIgnoreCase)
                ? View()
                : throw new GatewayException(GatewayError.SequenceConflict, "This session is already open.");
        }

        var now = clock.UtcNow;
        var hardDeadline = now + _options.MaxLifetime;
        chipId = chipId.ToUpperInvariant();
        var device = grains.GetGrain<IDeviceGrain>(deviceId);
        await device.BeginSessionAsync(SessionId, hardDeadline);
        Guid? superseded;
        try
        {
            superseded = await grains.GetGrain<IChipGrain>(chipId).ClaimAsync(SessionId, deviceId, hardDeadline);
        }
        catch (GatewayException)
        {
            await device.EndSessionAsync(SessionId);
            throw;
        }

        if (superseded is { } old)
        {
            await AbortSupersededAsync(old, deviceId);
        }

        _state = SessionState.Open;
        _deviceId = deviceId;
        _issuerId = issuerId;
        _chipId = chipId;
        _hardDeadline = hardDeadline;
        Touch(now);
        _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, ExpiresAt - now + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        metrics.Opened();
        LogOpened(logger, SessionId, issuerId);
        return View();
    }

    private async Task AbortSupersededAsync(Guid old, string deviceId)
    {
        try
        {
            await grains.GetGrain<ITerminalSessionGrain>(old).AbortAsync(deviceId);
        }
        catch (GatewayException e) when (e.Error is GatewayError.SessionNotFound or GatewayError.SessionClosed)
        {
            // Already over: nothing to supersede.
        }
    }

    private async Task<StepResponse> AuthenticateCoreAsync(string deviceId, int seq, string memberId, string accessCode)
    {
        var fingerprint = Fingerprint(memberId, accessCode);
        if (BeginStep(deviceId, seq, fingerprint, SessionState.Open) is { } cached)
        {
            return cached;
        }

        var member = grains.GetGrain<IMemberGrain>($"{_issuerId}/{memberId}");
        await member.EnsureNotLockedAsync();
        // The issuer consumed the one-time code: if a later part of this step fails (a card lease call
        // cut off by a dying silo, storage down), an identical retry goes on from the issuer's answer
        // instead of asking again with a code that is now used.
        IssuerCard card;
        if (_issuerAnswer is { } kept && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(kept.Fingerprint), Encoding.UTF8.GetBytes(fingerprint)))
        {
            card = kept.Card;
        }
        else
        {
            try
            {
                card = await issuers.AuthenticateMemberAsync(_issuerId, memberId, accessCode, CancellationToken.None);
            }
            catch (IssuerCallException e) when (e.Failure == IssuerCallFailure.InvalidAccessCode)
            {
                var left = await member.RecordWrongCodeAsync();
                throw new GatewayException(GatewayError.InvalidAccessCode,
                    left > 0 ? "Wrong or already used access code." : "Wrong or already used access code; the member is now locked.",
                    attemptsLeft: left);
            }
            catch (IssuerCallException e) when (e.Failure == IssuerCallFailure.OverBudget)
            {
                throw new GatewayException(GatewayError.IssuerUnavailable, "The card issuer is at its request ceiling; try again shortly.",
                    retryAfter: TimeSpan.FromSeconds(1));
            }
            catch (IssuerCallException)
            {
                throw new GatewayException(GatewayError.IssuerUnavailable, "The card issuer is not answering; try again shortly.",
                    retryAfter: TimeSpan.FromSeconds(5));
            }

            _issuerAnswer = (fingerprint, card);
            await member.RecordSuccessAsync();
        }

        var cardGrain = grains.GetGrain<ICardGrain>(CardKey.For(_issuerId, card.CardRef));
        var lease = await cardGrain.AcquireLeaseAsync(SessionId, _chipId, _hardDeadline + _options.LeaseMargin, _deviceId);
        _cardRef = card.CardRef;
        _cardId = lease.CardId;
        _leaseHeld = true;

        // The host challenge is chosen here, not inside the script, so the script can be rebuilt on another silo (migration).
        _card = card;
        _hostChallenge = RandomNumberGenerator.GetBytes(8);
        _relayed.Clear();
        _script = CreateScript();
        var first = _script.Start();
        _state = SessionState.Authenticated;
        return EndStep(seq, fingerprint, new StepResponse(
            seq + 1, Format(first.Apdus), false, new CardSummary(card.CardNumber[^4..], card.Expiry), null));
    }

    private async Task<StepResponse> RelayCoreAsync(string deviceId, int seq, IReadOnlyList<string> responses)
    {
        var fingerprint = string.Join(',', responses).ToUpperInvariant();
        if (BeginStep(deviceId, seq, fingerprint, SessionState.Authenticated, SessionState.Writing) is { } cached)
        {
            return cached;
        }

        byte[][] parsed;
        ScriptStep step;
        try
        {
            parsed = [.. responses.Select(Hex.Parse)];
            step = _script!.Next(parsed);
        }
        catch (Exception e) when (e is FormatException or ScriptInputException)
        {
            throw new GatewayException(GatewayError.InvalidRequest, e.Message);
        }

        _relayed.Add([.. responses]);
        switch (step.Kind)
        {
            case ScriptStepKind.SendApdus:
                _state = SessionState.Writing;
                return EndStep(seq, fingerprint, new StepResponse(seq + 1, Format(step.Apdus), false, null, null));

            case ScriptStepKind.Done:
                await grains.GetGrain<ICardGrain>(CardKey.For(_issuerId, _cardRef!)).ActivateAsync(SessionId, Hex.Format(_script.Receipt));
                _leaseHeld = false;
                _state = SessionState.Active;
                _script = null;
                await ReleaseClaimsAsync();
                metrics.Completed();
                // The card's outbox tells the issuer (recorded in the activation's write, delivered until acknowledged).
                LogActivated(logger, SessionId, _issuerId);
                return EndStep(seq, fingerprint, new StepResponse(seq + 1, [], true, null, new ProvisioningResult(CardStatus.Active.ToWire(), _cardId!)));

            default:
                LogChipRefused(logger, SessionId, step.FailureReason ?? "");
                await EndAsync(SessionState.Failed, "chip-verification-failed");
                throw new GatewayException(GatewayError.ChipVerificationFailed,
                    $"The chip's response failed verification ({step.FailureReason}); the session has ended and the card was released.");
        }
    }

    public async Task AbortAsync(string deviceId)
    {
        EnsureVisibleTo(deviceId);
        switch (_state)
        {
            case SessionState.Aborted:
                return;
            case SessionState.Active or SessionState.Failed:
                throw Closed();
        }

        await EndAsync(SessionState.Aborted, "aborted-by-terminal");
    }

    public Task<SessionView> GetAsync(string deviceId)
    {
        EnsureVisibleTo(deviceId);
        return Task.FromResult(View());
    }

    /// <summary>
    /// Checks a step against the session's order. Returns the cached response of an identical retry
    /// of the last step; throws for anything out of order.
    /// </summary>
    private StepResponse? BeginStep(string deviceId, int seq, string fingerprint, params SessionState[] allowed)
    {
        EnsureVisibleTo(deviceId);
        if (_last is { } last && last.Seq == seq)
        {
            return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(last.Fingerprint), Encoding.UTF8.GetBytes(fingerprint))
                ? Touched(last.Response)
                : throw new GatewayException(GatewayError.SequenceConflict, $"Step {seq} was already answered for a different request.");
        }

        if (_state is SessionState.Active or SessionState.Failed or SessionState.Aborted)
        {
            throw Closed();
        }

        if (seq != _expectedSeq || !allowed.Contains(_state))
        {
            throw new GatewayException(GatewayError.SequenceConflict, $"Expected step {_expectedSeq} (session is {Describe(_state)}), got {seq}.");
        }

        Touch(clock.UtcNow);
        return null;
    }

    private StepResponse EndStep(int seq, string fingerprint, StepResponse response)
    {
        _last = new LastStep(seq, fingerprint, response);
        _expectedSeq = seq + 1;
        return response;
    }

    private StepResponse Touched(StepResponse response)
    {
        Touch(clock.UtcNow);
        return response;
    }

    private void EnsureVisibleTo(string deviceId)
    {
        if (_state == SessionState.None || _state == SessionState.Expired || IsPastDeadline())
        {
            throw new GatewayException(GatewayError.SessionNotFound, "Unknown or expired session.");
        }

        if (!string.Equals(deviceId, _deviceId, StringComparison.Ordinal))
        {
            throw new GatewayException(GatewayError.SessionOfAnotherDevice, "This session belongs to another device.");
        }
    }

    private bool IsPastDeadline() => clock.UtcNow >= ExpiresAt;

    private void Touch(DateTimeOffset now)
    {
        var idle = now + _options.IdleTimeout;
        _idleDeadline = idle < _hardDeadline ? idle : _hardDeadline;
        var keepAlive = ExpiresAt - now + TimeSpan.FromSeconds(5);
        if (keepAlive > TimeSpan.Zero)
        {
            this.DelayDeactivation(keepAlive);
        }

        _expiryTimer?.Change(ExpiresAt - now + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }

    private async Task OnExpiryTimerAsync(CancellationToken cancellationToken)
    {
        if (_state is SessionState.None or SessionState.Expired)
        {
            return;
        }

        if (!IsPastDeadline())
        {
            _expiryTimer?.Change(ExpiresAt - clock.UtcNow + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
            return;
        }

        var wasFinished = _state is SessionState.Active or SessionState.Failed or SessionState.Aborted;
        if (!wasFinished)
        {
            await EndAsync(SessionState.Expired, "session-expired");
        }

        _state = SessionState.Expired;
        _script = null;
        _last = null;
        DeactivateOnIdle();
    }

    /// <summary>
    /// Ends an unfinished session: releases the card lease and tells the issuer. Once the last block
    /// has been handed to the terminal the chip may hold the card whatever comes back (or does not),
    /// so the card then stays bound to that chip instead of being released.
    /// </summary>
    private async Task EndAsync(SessionState final, string reason)
    {
        var mayBeOnChip = _script?.FinalBlockSent == true;
        _state = final;
        _script = null;
        if (_leaseHeld)
        {
            var card = grains.GetGrain<ICardGrain>(CardKey.For(_issuerId, _cardRef!));
            _leaseHeld = false;
            if (mayBeOnChip)
            {
                await card.MarkUnconfirmedAsync(SessionId, reason);
            }
            else
            {
                // The release's write records the abort notice in the card's outbox.
                await card.ReleaseLeaseAsync(SessionId, reason);
            }
        }

        await ReleaseClaimsAsync();
        metrics.Failed(reason);
        LogEnded(logger, SessionId, Describe(final), reason);
    }

    /// <summary>A finished session stops counting against its device and frees its chip.</summary>
    private async Task ReleaseClaimsAsync()
    {
        await grains.GetGrain<IChipGrain>(_chipId).ReleaseAsync(SessionId);
        await grains.GetGrain<IDeviceGrain>(_deviceId).EndSessionAsync(SessionId);
    }

    private SessionView View() => new(SessionId, _state, _expectedSeq, ExpiresAt);

    private GatewayException Closed() =>
        new(GatewayError.SessionClosed, $"The session is {Describe(_state)}; open a new session.");

    private static string Describe(SessionState state) => state.ToWire();

    private static IReadOnlyList<string> Format(IReadOnlyList<byte[]> apdus) => [.. apdus.Select(a => Hex.Format(a))];

    private static string Fingerprint(string memberId, string accessCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId}\n{accessCode}")));

    private sealed record LastStep(int Seq, string Fingerprint, StepResponse Response);
}
