using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>Chips, cards and the app's relay (<see cref="ProvisioningRunner.RelayToChip(SoftSecureElement, IEnumerable{byte[]})"/>).</summary>
internal static class TestChips
{
    public static readonly byte[] MasterKey = Hex.Parse("00112233445566778899AABBCCDDEEFF");
    public static readonly byte[] KddA = Hex.Parse("0102030405060708090A");
    public static readonly byte[] KddB = Hex.Parse("A1A2A3A4A5A6A7A8A9AA");

    public static SoftSecureElement ChipA() => SoftSecureElement.Create(MasterKey, KddA);

    public static ChipKeys KeysA => ChipKeys.Derive(MasterKey, KddA);

    public static CardData Card(string cardId = "card-0001", string name = "ADA LOVELACE") => new(
        "4111111111111111", "2029-02", name, Hex.Parse("0F0E0D0C0B0A09080706050403020100"), "issuer-demo", cardId);

    public static PersonalizationScript Script(CardData? card = null, int batch = 16, int blockLength = PersonalizationScript.MaxBlockPlaintext) =>
        new(KeysA, KddA, card ?? Card(), batch) { MaxBlockDataLength = blockLength };

    public static RemovalScript Removal(string cardId = "card-0001", int batch = 16) => new(KeysA, KddA, cardId, batch);

    public static List<byte[]> Relay(SoftSecureElement chip, IReadOnlyList<byte[]> apdus) =>
        [.. ProvisioningRunner.RelayToChip(chip, apdus).Select(Hex.Parse)];

    /// <summary>Runs the script to its end; <paramref name="relay"/> may tamper with a batch (its number, its APDUs).</summary>
    public static ScriptStep Run(
        ChannelScript script, SoftSecureElement chip, Func<int, IReadOnlyList<byte[]>, List<byte[]>>? relay = null)
    {
        relay ??= (_, apdus) => Relay(chip, apdus);
        var step = script.Start();
        for (int batch = 0; step.Kind == ScriptStepKind.SendApdus; batch++)
        {
            Assert.InRange(step.Apdus.Count, 1, int.MaxValue);
            step = script.Next(relay(batch, step.Apdus));
        }

        return step;
    }

    public static byte[] Flip(byte[] bytes, int index, int bit)
    {
        var copy = (byte[])bytes.Clone();
        copy[index] ^= (byte)(1 << bit);
        return copy;
    }
}
