using WalletGateway.Contracts;
using WalletGateway.SecureChannel;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// What the load scenarios check of the relay between gateway and chip; the relay itself is the app's,
/// <c>ProvisioningRunner.RelayToChip</c>.
/// </summary>
public static class ChipRelay
{
    public const int MaxSteps = 16;

    /// <summary>Whether two answers to the same step are the same (the identical-retry rule of docs/terminal-protocol.md).</summary>
    public static bool Same(SessionStepResponse a, SessionStepResponse b) =>
        a.Seq == b.Seq
        && a.Done == b.Done
        && a.ApdusOrEmpty.SequenceEqual(b.ApdusOrEmpty, StringComparer.OrdinalIgnoreCase)
        && Equals(a.Card, b.Card)
        && Equals(a.Result, b.Result);

    /// <summary>Flips one bit of the response's last data byte (before the status word): what a forged chip answer looks like.</summary>
    public static string Forge(string response)
    {
        var bytes = Hex.Parse(response);
        if (bytes.Length > 2)
        {
            bytes[^3] ^= 0x01;
        }

        return Hex.Format(bytes);
    }
}
