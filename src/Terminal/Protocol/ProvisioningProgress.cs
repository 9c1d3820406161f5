namespace WalletGateway.Terminal.Protocol;

/// <summary>Reported by <see cref="ProvisioningRunner"/> when a stage starts.</summary>
/// <param name="Stage">One of the stage names below.</param>
/// <param name="Seq">The sequence number of the step being worked on.</param>
/// <param name="ApdusInStep">Command APDUs the gateway sent for this step (0 while waiting on the gateway).</param>
/// <param name="ApdusRelayedTotal">Chip responses relayed so far.</param>
public sealed record ProvisioningProgress(string Stage, int Seq, int ApdusInStep, int ApdusRelayedTotal)
{
    /// <summary>Opening the session (<c>POST /v1/sessions</c>).</summary>
    public const string OpeningSession = "Opening session";

    /// <summary>The issuer checks the member id and access code.</summary>
    public const string AuthenticatingMember = "Authenticating member";

    /// <summary>Selecting the security domain and running the SCP03 handshake.</summary>
    public const string OpeningSecureChannel = "Opening secure channel";

    /// <summary>Sending INSTALL and STORE DATA blocks to the chip.</summary>
    public const string WritingCard = "Writing card";

    /// <summary>The chip's receipt is on its way to the gateway, which checks it.</summary>
    public const string VerifyingReceipt = "Verifying receipt";

    /// <summary>Relaying commands the terminal does not recognise; it forwards them all the same.</summary>
    public const string RelayingToChip = "Relaying to chip";
}
