using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Security.Cryptography;

namespace WalletGateway.Grains;

/// <summary>
/// Counts the grain calls each silo receives by where they came from (<c>walletgateway.grain_calls.received</c>, tag
/// <c>from</c>: <c>this-silo</c>, <c>other-silo</c> or <c>client</c>; <c>kind</c>: <c>gateway</c>, <c>directory</c> or
/// <c>runtime</c>; <c>grain</c>: the interface; <c>method</c> and <c>target</c> for the directory's calls: which operation, for which grain type): how well placement keeps a card's work together
/// (docs/architecture.md#placement). Orleans' own message counters count every silo-to-silo message alike; this one
/// tells the card's grain calls from the grain directory's (its partitions are system targets called like grains).
/// </summary>
/// <remarks>
/// The outgoing side stamps each call with the sending silo's token (a random int of this process, one request context
/// entry); the incoming side compares it with its own. A call with no stamp came from a client (a frontend in client
/// mode). An outgoing call replaces any other silo's stamp that flowed in, so a callee always sees its caller's.
/// </remarks>
public sealed class GrainCallLocality : IIncomingGrainCallFilter, IOutgoingGrainCallFilter
{
    public const string MeterName = "WalletGateway.Placement";

    private const string StampKey = "wg-silo";
    private const string Directory = "directory";

    private static readonly KeyValuePair<string, object?> ThisSilo = new("from", "this-silo");
    private static readonly KeyValuePair<string, object?> OtherSilo = new("from", "other-silo");
    private static readonly KeyValuePair<string, object?> Client = new("from", "client");

    private readonly int _stamp = RandomNumberGenerator.GetInt32(int.MinValue, int.MaxValue);
    private readonly object _boxedStamp;
    private readonly Counter<long> _received;
    private readonly ConcurrentDictionary<Type, (KeyValuePair<string, object?> Grain, KeyValuePair<string, object?> Kind)> _typeTags = new();
    private readonly ConcurrentDictionary<string, KeyValuePair<string, object?>> _methodTags = new();
    private readonly ConcurrentDictionary<GrainType, KeyValuePair<string, object?>> _targetTags = new();

    public GrainCallLocality(IMeterFactory meterFactory)
    {
        _boxedStamp = _stamp;
        var meter = meterFactory.Create(MeterName);
        _received = meter.CreateCounter<long>("walletgateway.grain_calls.received", "{call}",
            "Grain calls received by this silo, by origin (this-silo, other-silo, client), kind (gateway, directory, runtime) and grain interface.");
    }

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        // Set once per turn: the context stays stamped for the turn's later calls (a set copies the context).
        if (RequestContext.Get(StampKey) is not int stamp || stamp != _stamp)
        {
            RequestContext.Set(StampKey, _boxedStamp);
        }

        return context.Invoke();
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        var from = RequestContext.Get(StampKey) switch
        {
            null => Client,
            int stamp when stamp == _stamp => ThisSilo,
            _ => OtherSilo,
        };
        var (grain, kind) = _typeTags.GetOrAdd(context.Request.GetInterfaceType(), TagsOf);
        if (ReferenceEquals(kind.Value, Directory))
        {
            // Which directory operation (a lookup, a registration or a deregistration) for which grain type: bounded tags.
            var method = _methodTags.GetOrAdd(context.Request.GetMethodName(), static name => new("method", name));
            var target = context.Request.GetArgumentCount() > 1 ? context.Request.GetArgument(1) switch
            {
                GrainAddress address => address.GrainId.Type,
                GrainId id => id.Type,
                _ => default,
            } : default;
            var targetTag = _targetTags.GetOrAdd(target, static type => new("target", type.IsDefault ? "" : type.ToString()));
            var tags = new System.Diagnostics.TagList { from, kind, grain, method, targetTag };
            _received.Add(1, in tags);
        }
        else
        {
            _received.Add(1, from, kind, grain);
        }

        return context.Invoke();
    }

    /// <summary>
    /// <c>gateway</c>: our grains (a card's work); <c>directory</c>: Orleans' distributed grain directory's partitions (a
    /// lookup, registration or unregistration, which are grain calls to system targets); <c>runtime</c>: the rest of
    /// Orleans (membership, load publishing, management, the dashboard's collection).
    /// </summary>
    private static (KeyValuePair<string, object?>, KeyValuePair<string, object?>) TagsOf(Type type) =>
    (
        new("grain", type.Name),
        new("kind", type.Assembly == typeof(Interfaces.ICardGrain).Assembly ? "gateway"
            : type.Name.Contains("GrainDirectory", StringComparison.Ordinal) ? Directory
            : "runtime")
    );
}
