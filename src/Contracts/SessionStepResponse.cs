using System.Text.Json.Serialization;

namespace WalletGateway.Contracts;

/// <summary>
/// The gateway's answer to a session step (<c>authenticate</c> or <c>relay</c>), the same type on both sides of the
/// wire. Named <c>SessionStepResponse</c> so it never meets the grains' <c>StepResponse</c> (the silo's message
/// that this is written from) under one name. On the wire, <c>apdus</c> is absent on the last answer and
/// <c>card</c> appears only on the first; <c>seq</c> and <c>done</c> are always there.
/// </summary>
public sealed record SessionStepResponse
{
    /// <summary>The sequence number the next step must carry.</summary>
    public required int Seq { get; init; }

    /// <summary>Command APDUs (hex) to send to the chip, in order; absent when <see cref="Done"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? Apdus { get; init; }

    /// <summary>True when the provisioning finished; <see cref="Result"/> then says how.</summary>
    public required bool Done { get; init; }

    /// <summary>The card being written, on the answer to authenticate.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public CardPreview? Card { get; init; }

    /// <summary>The outcome, on the last answer.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProvisioningOutcome? Result { get; init; }

    /// <summary><see cref="Apdus"/>, or an empty list on the last answer: what a client relays to the chip.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> ApdusOrEmpty => Apdus ?? [];
}
