using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

// Live migration: when a silo drains (graceful shutdown), Orleans moves its activations to other silos
// (ActivationData.MigratesOnRetirement) and the session carries its state along. The SCP03 script is not
// serialisable; it is deterministic given the keys, the card, the host challenge and the chip's answers,
// so the receiving silo rebuilds it by replaying the answers the session already accepted.
public sealed partial class TerminalSessionGrain
{
    private const string StateKey = "walletgateway.session";

    void IGrainMigrationParticipant.OnDehydrate(IDehydrationContext dehydrationContext)
    {
        if (_session.State.IsUnknown() || dehydrationContext.Keys.Contains(StateKey))
        {
            return;
        }

        dehydrationContext.TryAddValue(StateKey, _session);
        metrics.Migrated("out");
        LogDehydrated(logger, SessionId, _session.State.Describe());
    }

    void IGrainMigrationParticipant.OnRehydrate(IRehydrationContext rehydrationContext)
    {
        if (!rehydrationContext.TryGetValue<TerminalSessionState>(StateKey, out var session) || session is null)
        {
            return;
        }

        _session = session;
        if (session.Script is { } input)
        {
            _script = CreateScript(input);
            _script.Start();
            foreach (var answers in input.Relayed)
            {
                _script.Next([.. answers.Select(Hex.Parse)]);
            }
        }

        RehydrateRemoval();
        metrics.Migrated("in");
        LogRehydrated(logger, SessionId, _session.State.Describe());
    }
}
