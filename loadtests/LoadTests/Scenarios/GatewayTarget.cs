using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// The gateway under test and the issuer simulator's admin endpoint, plus the knobs the gateway scenarios share.
/// <see cref="Gateway"/> is the first frontend; <see cref="Frontends"/> lists every frontend the virtual terminals spread over.
/// </summary>
public sealed record GatewayTarget(HttpClient Gateway, HttpClient Simulator)
{
    /// <summary>The development SE master key (docs/operations.md, "Development defaults").</summary>
    public const string DevelopmentMasterKey = "404142434445464748494A4B4C4D4E4F";

    public string IssuerId { get; init; } = "demo-card";

    /// <summary>The operator key (<c>X-Api-Key</c>) for the durable card records the invariant check reads (the development default unless set).</summary>
    public string ApiKey { get; init; } = "dev-admin-key";

    public string MasterKeyHex { get; init; } = DevelopmentMasterKey;

    /// <summary>
    /// A device opens its next session no sooner than this after its previous one. The gateway allows a device
    /// 20 session opens per minute (3 s each) by default; an honest terminal stays under that.
    /// </summary>
    public TimeSpan DeviceReuseGap { get; init; } = TimeSpan.FromSeconds(3.3);

    /// <summary>Devices to register before the load starts; null sizes the pool from the plan.</summary>
    public int? Terminals { get; init; }

    /// <summary>Members to fetch from the simulator before the load starts; null sizes from the plan.</summary>
    public int? Members { get; init; }

    /// <summary>slow-issuer: the latency injected into the issuer's endpoints.</summary>
    public TimeSpan IssuerLatency { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>abusive-device: the abuser's start rate as a multiple of the honest terminals' combined rate.</summary>
    public double AbuseFactor { get; init; } = 10;

    /// <summary>provision: how long a terminal waits, its chip holding the card, before the final relay (zero: no wait).</summary>
    public TimeSpan HoldFinalRelay { get; init; }

    /// <summary>Reads the gateway's cumulative durable write counter when it can be seen; null otherwise.</summary>
    public Func<CancellationToken, Task<long>>? DurableWrites { get; init; }

    /// <summary>
    /// Devices shared by every campaign on this target (e.g. the stages of a knee search), so each stage registers
    /// only the devices it lacks: the gateway limits registrations per address.
    /// </summary>
    public TerminalPool? SharedTerminals { get; init; }

    /// <summary><c>--save-chips</c>: where the virtual terminals' chips and the reported cards are kept; null when not asked.</summary>
    public ChipArchive? Chips { get; init; }

    public GatewayClient Client { get; } = new(Gateway);

    /// <summary>
    /// Every frontend of the cluster the virtual terminals spread over, round-robin as they register; a session's steps all go
    /// to its terminal's frontend (any frontend could carry any step). Just <see cref="Gateway"/> unless set.
    /// </summary>
    public IReadOnlyList<HttpClient> Frontends
    {
        get => _frontends;
        init
        {
            _frontends = value.Count > 0 ? value : throw new ArgumentException("At least one frontend.", nameof(value));
            FrontendClients = [.. value.Select(f => new GatewayClient(f))];
        }
    }

    /// <summary>A protocol client per entry of <see cref="Frontends"/>, in the same order.</summary>
    public IReadOnlyList<GatewayClient> FrontendClients { get; private init; } = [new GatewayClient(Gateway)];

    private readonly IReadOnlyList<HttpClient> _frontends = [Gateway];

    /// <summary>The client of the frontend <paramref name="terminal"/> was given.</summary>
    public GatewayClient ClientOf(VirtualTerminal terminal) => FrontendClients[terminal.Frontend];

    /// <summary>How the report names a frontend: <c>frontend 2 (http://127.0.0.1:5081/)</c>.</summary>
    public string FrontendName(int index) => $"frontend {index + 1} ({Frontends[index].BaseAddress})";

    public byte[] MasterKey => Convert.FromHexString(MasterKeyHex);
}
