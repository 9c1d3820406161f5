namespace WalletGateway.SecureChannel;

/// <summary>
/// The plain (unwrapped) commands of the personalisation script: SELECT ISD, INSTALL [for personalization] of the
/// payment applet and the STORE DATA blocks that carry the DGIs. The host builds them; the card reads INSTALL's
/// data with <see cref="TryReadInstallAid"/> and STORE DATA's P1 with <see cref="StoreDataP1"/>.
/// </summary>
public static class PersonalizationCommands
{
    /// <summary>The largest number of STORE DATA blocks: P2 numbers them from <c>00</c> to <c>FF</c>.</summary>
    public const int MaxBlocks = 256;

    /// <summary><c>00 A4 04 00 08 ‖ ISD AID ‖ 00</c>.</summary>
    public static CommandApdu SelectIsd() =>
        new(ClassBytes.Iso, Instructions.Select, Instructions.SelectByName, 0x00, Scp03.IsdAid, 256);

    /// <summary><c>80 E6 20 00 Lc ‖ 00 00 len ‖ payment applet AID ‖ 00 00 00</c>.</summary>
    public static CommandApdu InstallForPersonalization()
    {
        var aid = Scp03.PaymentAppletAid;
        // Load file AID and module AID empty, the application AID, then empty privileges, parameters and token.
        byte[] data = [0x00, 0x00, (byte)aid.Length, .. aid, 0x00, 0x00, 0x00];
        return new CommandApdu(ClassBytes.GlobalPlatform, Instructions.Install, Instructions.InstallForPersonalization, 0x00, data);
    }

    /// <summary>Reads the application AID from INSTALL [for personalization] data; false when the data is too short for it.</summary>
    public static bool TryReadInstallAid(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> aid)
    {
        aid = default;
        // Length-value fields: load file AID, module AID, application AID (privileges, parameters and token follow).
        int offset = 0;
        for (int field = 0; field < 3; field++)
        {
            if (offset >= data.Length || offset + 1 + data[offset] > data.Length)
            {
                return false;
            }

            aid = data.Slice(offset + 1, data[offset]);
            offset += 1 + data[offset];
        }

        return true;
    }

    /// <summary>
    /// The DGIs as one stream cut into STORE DATA blocks of at most <paramref name="maxBlockDataLength"/> bytes, the
    /// values of DGIs <c>8000</c>–<c>8FFF</c> encrypted under <paramref name="dek"/>, P2 the block number.
    /// </summary>
    public static List<CommandApdu> StoreData(IReadOnlyList<Dgi> plaintextDgis, ReadOnlySpan<byte> dek, int maxBlockDataLength)
    {
        var stream = new List<byte>();
        var encrypted = new List<bool>();
        foreach (var dgi in plaintextDgis)
        {
            var value = dgi.IsEncrypted ? PaymentPersonalization.EncryptWithDek(dek, dgi.Value) : dgi.Value;
            var record = new Dgi(dgi.Tag, value).Encode();
            stream.AddRange(record);
            encrypted.AddRange(Enumerable.Repeat(dgi.IsEncrypted, record.Length));
        }

        int blocks = (stream.Count + maxBlockDataLength - 1) / maxBlockDataLength;
        if (blocks > MaxBlocks)
        {
            throw new InvalidOperationException($"More than {MaxBlocks} STORE DATA blocks.");
        }

        var commands = new List<CommandApdu>(blocks);
        for (int block = 0; block < blocks; block++)
        {
            int start = block * maxBlockDataLength;
            int length = Math.Min(maxBlockDataLength, stream.Count - start);
            byte p1 = StoreDataP1.For(encrypted: encrypted.Skip(start).Take(length).Any(e => e), last: block == blocks - 1);
            commands.Add(new CommandApdu(ClassBytes.GlobalPlatform, Instructions.StoreData, p1, (byte)block, stream.GetRange(start, length).ToArray()));
        }

        return commands;
    }
}
