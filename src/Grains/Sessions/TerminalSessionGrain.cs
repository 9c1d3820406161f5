using Orleans.Placement;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Members;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// Runs one provisioning: authenticate the member with the issuer, lease the card, then relay the
/// SCP03 personalisation script through the terminal until the chip's receipt verifies.
/// Not reentrant (the default): steps of one session never interleave.
/// Step latency is recorded by <see cref="SessionStepTimingFilter"/>.
/// </summary>
// On the silo whose gateway received the open (the frontend spreads grains over gateways); its callees follow it (docs/architecture.md#placement).
[PreferLocalPlacement]
public sealed partial class TerminalSessionGrain(
    IGrainFactory grains,
    MemberAuthenticator members,
    IOptions<MemberLockoutOptions> lockoutOptions,
    PersonalizationScriptFactory scripts,
    SessionClock clock,
    SessionMetrics metrics,
    LocalSessions localSessions,
    ILogger<TerminalSessionGrain> logger) : Grain, ITerminalSessionGrain, IGrainMigrationParticipant
{
    private TerminalSessionState _session = TerminalSessionState.None;

    // Not state: rebuilt from _session.Script, and null exactly when it is.
    private PersonalizationScript? _script;
    private SessionClaims? _claims;

    private Guid SessionId => this.GetPrimaryKey();

    private SessionClaims Claims => _claims ??= new(grains, SessionId);

    public async Task<SessionView> OpenAsync(string deviceId, string issuerId, string chipId)
    {
        if (_session.State != SessionState.None)
        {
            // The frontend retries an open whose call was rejected in transit: the same open again is answered again.
            return _session.State == SessionState.Open && _session.DeviceId == deviceId && _session.IssuerId == issuerId
                   && string.Equals(_session.ChipId, chipId, StringComparison.OrdinalIgnoreCase)
                ? View()
                : throw new GatewayException(GatewayError.SequenceConflict, "This session is already open.");
        }

        var now = clock.UtcNow;
        var hardDeadline = clock.HardDeadline(now);
        chipId = chipId.ToUpperInvariant();
        await Claims.ClaimAsync(deviceId, chipId, hardDeadline);
        _session = new TerminalSessionState
        {
            State = SessionState.Open, DeviceId = deviceId, IssuerId = issuerId, ChipId = chipId, HardDeadline = hardDeadline,
        };
        Touch(now);
        metrics.Opened();
        LogOpened(logger, SessionId, issuerId);
        return View();
    }

    public async Task<StepResponse> AuthenticateAsync(string deviceId, int seq, string memberId, string accessCode)
    {
        var fingerprint = StepLedger.Fingerprint(memberId, accessCode);
        if (BeginStep(deviceId, seq, fingerprint, SessionState.Open) is { } earlier)
        {
            return earlier;
        }

        var lockout = grains.GetGrain<IMemberLockoutGrain>(MemberLockoutShard.Key(_session.IssuerId, memberId, lockoutOptions.Value.Shards));
        var card = await members.AuthenticateAsync(lockout, grains.GetGrain<IAuthenticationBudgetGrain>(_session.DeviceId), SessionId,
            _session.IssuerId, memberId, accessCode, _session.IssuerAnswer,
            answer => _session = _session with { IssuerAnswer = answer });
        var (lease, renewal) = await LeaseAsync(card);

        // The host challenge is chosen here, not inside the script, so the script can be rebuilt on another silo (migration).
        var input = new ScriptInput(card.CardNumber, card.Expiry, card.CardholderName, card.PaymentKey, RandomNumberGenerator.GetBytes(8), []);
        _session = _session with { CardRef = card.CardRef, CardId = lease.CardId, LeaseHeld = true, Script = input };
        _script = CreateScript(input);
        var first = _script.Start();
        _session = _session with { State = SessionState.Authenticated };
        return EndStep(seq, fingerprint, new StepResponse(
            seq + 1, Format(first.Apdus), false, new CardSummary(card.CardNumber[^4..], card.Expiry) { Renewal = renewal }, null));
    }

    public async Task AbortAsync(string deviceId)
    {
        EnsureVisibleTo(deviceId);
        switch (_session.State)
        {
            case SessionState.Aborted:
                return;
            case SessionState.Active or SessionState.Removed or SessionState.Failed:
                throw SessionStates.Closed(_session.State);
        }

        await EndAsync(SessionState.Aborted, "aborted-by-terminal");
    }

    public Task<SessionView> GetAsync(string deviceId)
    {
        EnsureVisibleTo(deviceId);
        return Task.FromResult(View());
    }

    /// <summary>The operator's view of the session (any device).</summary>
    public Task<SessionDetails> GetDetailsAsync()
    {
        EnsureKnown();
        var s = _session;
        return Task.FromResult(new SessionDetails(SessionId, s.State, s.Steps.ExpectedSeq, s.ExpiresAt, s.DeviceId, s.IssuerId, s.ChipId, s.CardRef, s.CardId));
    }

    /// <summary>Checks a step against the session's order; returns the earlier answer of an identical retry.</summary>
    private StepResponse? BeginStep(string deviceId, int seq, string fingerprint, params SessionState[] allowed)
    {
        EnsureVisibleTo(deviceId);
        var earlier = _session.Steps.Check(seq, fingerprint, _session.State, allowed);
        Touch(clock.UtcNow);
        return earlier;
    }

    private StepResponse EndStep(int seq, string fingerprint, StepResponse response)
    {
        _session = _session with { Steps = _session.Steps.Answered(seq, fingerprint, response) };
        return response;
    }

    private void EnsureVisibleTo(string deviceId)
    {
        EnsureKnown();
        if (!string.Equals(deviceId, _session.DeviceId, StringComparison.Ordinal))
        {
            throw new GatewayException(GatewayError.SessionOfAnotherDevice, "This session belongs to another device.");
        }
    }

    private void EnsureKnown()
    {
        if (_session.State.IsUnknown() || IsPastDeadline())
        {
            throw new GatewayException(GatewayError.SessionNotFound, "Unknown or expired session.");
        }
    }

    private PersonalizationScript CreateScript(ScriptInput input) => scripts.Create(
        _session.ChipId,
        new CardData(input.CardNumber, input.Expiry, input.CardholderName, input.PaymentKey, _session.IssuerId, _session.CardId!),
        input.HostChallenge);

    private SessionView View() => new(SessionId, _session.State, _session.Steps.ExpectedSeq, _session.ExpiresAt);

    private static IReadOnlyList<string> Format(IReadOnlyList<byte[]> apdus) => [.. apdus.Select(a => Hex.Format(a))];
}
