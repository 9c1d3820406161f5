using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// Everything a terminal session knows, replaced as a whole at each change, and the one value a live
/// session carries to another silo when its silo drains (grain migration). Volatile: never persisted.
/// </summary>
[GenerateSerializer, Alias("WalletGateway.TerminalSessionState")]
public sealed record TerminalSessionState
{
    public static TerminalSessionState None { get; } = new();

    [Id(0)]
    public SessionState State { get; init; }

    [Id(1)]
    public string DeviceId { get; init; } = "";

    [Id(2)]
    public string IssuerId { get; init; } = "";

    [Id(3)]
    public string ChipId { get; init; } = "";

    [Id(4)]
    public StepLedger Steps { get; init; } = StepLedger.Start;

    [Id(5)]
    public DateTimeOffset IdleDeadline { get; init; }

    [Id(6)]
    public DateTimeOffset HardDeadline { get; init; }

    [Id(7)]
    public string? CardRef { get; init; }

    [Id(8)]
    public string? CardId { get; init; }

    /// <summary>The session holds the card's lease: ending it unfinished releases (or parks) the card.</summary>
    [Id(9)]
    public bool LeaseHeld { get; init; }

    /// <summary>Set exactly while the personalisation script runs, so card data travels only while the script needs it.</summary>
    [Id(10)]
    public ScriptInput? Script { get; init; }

    /// <summary>A relay whose chip responses verified and whose answer waits on a durable write (retried by an identical retry).</summary>
    [Id(11)]
    public PendingRelay? Pending { get; init; }

    /// <summary>The chip proved itself (its card cryptogram verified) and the session holds it.</summary>
    [Id(12)]
    public bool ChipProven { get; init; }

    /// <summary>The card durably recorded that its data went out to this session's chip.</summary>
    [Id(13)]
    public bool CardDataOut { get; init; }

    /// <summary>Set from the removal step (a removal session instead of a provisioning): what its script is rebuilt from.</summary>
    [Id(14)]
    public RemovalInput? Removal { get; init; }

    /// <summary>The issuer's answer kept for an identical authenticate retry; stays on this silo.</summary>
    [field: NonSerialized]
    public MemberAnswer? IssuerAnswer { get; init; }

    public DateTimeOffset ExpiresAt => IdleDeadline < HardDeadline ? IdleDeadline : HardDeadline;
}
