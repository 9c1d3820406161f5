using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// The gateway under test and the issuer simulator's admin endpoint, plus the knobs the gateway scenarios share.
/// </summary>
public sealed record GatewayTarget(HttpClient Gateway, HttpClient Simulator)
{
    /// <summary>The development SE master key (docs/operations.md, "Development defaults").</summary>
    public const string DevelopmentMasterKey = "404142434445464748494A4B4C4D4E4F";

    public string IssuerId { get; init; } = "demo-card";

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

    public byte[] MasterKey => Convert.FromHexString(MasterKeyHex);
}
