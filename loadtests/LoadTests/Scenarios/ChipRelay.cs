using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>What the app does between two gateway steps: hand the APDUs to the chip, stop at the first status word other than 9000.</summary>
public static class ChipRelay
{
    public const byte InsInitializeUpdate = 0x50;
    public const byte InsStoreData = 0xE2;
    public const int MaxSteps = 16;

    public static List<string> Transmit(SoftSecureElement chip, IReadOnlyList<string> apdus) =>
        ProvisioningRunner.RelayToChip(chip, apdus.Select(Hex.Parse));

    /// <summary>Whether two answers to the same step are the same (the identical-retry rule of DESIGN.md).</summary>
    public static bool Same(StepResult a, StepResult b) =>
        a.Seq == b.Seq
        && a.Done == b.Done
        && a.Apdus.SequenceEqual(b.Apdus, StringComparer.OrdinalIgnoreCase)
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
