using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

// Live migration: when a silo drains (graceful shutdown), Orleans moves its activations to other silos
// (ActivationData.MigratesOnRetirement) and this grain carries its state along. The SCP03 script is not
// serialisable; it is deterministic given the keys, the card, the host challenge and the chip's answers,
// so the receiving silo rebuilds it by replaying the answers the session already accepted.
public sealed partial class TerminalSessionGrain
{
    private const string SnapshotKey = "walletgateway.session";

    private IssuerCard? _card;
    private byte[]? _hostChallenge;
    private readonly List<string[]> _relayed = [];
    private bool _rehydrated;

    private PersonalizationScript CreateScript()
    {
        var kdd = Convert.FromHexString(_chipId);
        var keys = ChipKeys.Derive(Convert.FromHexString(secureElementOptions.Value.MasterKey), kdd);
        return new PersonalizationScript(
            keys, kdd, new CardData(_card!.CardNumber, _card.Expiry, _card.CardholderName, _card.PaymentKey, _issuerId, _cardId!),
            _options.MaxApdusPerStep, _hostChallenge);
    }

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_state is SessionState.None or SessionState.Expired || dehydrationContext.Keys.Contains(SnapshotKey))
        {
            return;
        }

        // The card data travels only while the script still needs it.
        var card = _script is null ? null : _card;
        dehydrationContext.TryAddValue(SnapshotKey, new SessionSnapshot(
            _state, _deviceId, _issuerId, _chipId, _expectedSeq, _idleDeadline, _hardDeadline, _cardRef, _cardId, _leaseHeld,
            _last?.Seq ?? -1, _last?.Fingerprint, _last?.Response,
            card is null ? null : _hostChallenge, card?.CardNumber, card?.Expiry, card?.CardholderName, card?.PaymentKey,
            card is null ? [] : [.. _relayed]));
        metrics.Migrated("out");
        LogDehydrated(logger, SessionId, Describe(_state));
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (!rehydrationContext.TryGetValue<SessionSnapshot>(SnapshotKey, out var s) || s is null)
        {
            return;
        }

        _state = s.State;
        _deviceId = s.DeviceId;
        _issuerId = s.IssuerId;
        _chipId = s.ChipId;
        _expectedSeq = s.ExpectedSeq;
        _idleDeadline = s.IdleDeadline;
        _hardDeadline = s.HardDeadline;
        _cardRef = s.CardRef;
        _cardId = s.CardId;
        _leaseHeld = s.LeaseHeld;
        _last = s.LastResponse is { } response ? new LastStep(s.LastSeq, s.LastFingerprint!, response) : null;
        if (s.HostChallenge is { } challenge && s.CardNumber is not null && s.PaymentKey is not null && s.CardRef is not null)
        {
            _hostChallenge = challenge;
            _card = new IssuerCard(s.CardRef, s.CardNumber, s.Expiry!, s.CardholderName!, s.PaymentKey);
            _relayed.AddRange(s.Relayed);
            _script = CreateScript();
            _script.Start();
            foreach (var answers in _relayed)
            {
                _script.Next([.. answers.Select(Hex.Parse)]);
            }
        }

        _rehydrated = true;
        metrics.Migrated("in");
        LogRehydrated(logger, SessionId, Describe(_state));
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        localSessions.Remove(GrainContext);
        if (_state is not (SessionState.None or SessionState.Expired))
        {
            LogDeactivating(logger, SessionId, Describe(_state), reason.ToString());
        }

        return Task.CompletedTask;
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        localSessions.Add(GrainContext);
        GrainContext.ObservableLifecycle.AddMigrationParticipant(this);
        if (_rehydrated && _state is not (SessionState.None or SessionState.Expired))
        {
            var now = clock.UtcNow;
            _expiryTimer = this.RegisterGrainTimer(OnExpiryTimerAsync, ExpiresAt - now + TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
            var keepAlive = ExpiresAt - now + TimeSpan.FromSeconds(5);
            if (keepAlive > TimeSpan.Zero)
            {
                this.DelayDeactivation(keepAlive);
            }
        }

        return Task.CompletedTask;
    }
}
