using System.Diagnostics.CodeAnalysis;

namespace WalletGateway.SecureChannel;

/// <summary>
/// A short command APDU (ISO/IEC 7816-4 cases 1–4). <see cref="Ne"/> is the expected response length:
/// null when there is no Le, 256 for Le = <c>00</c>.
/// </summary>
public sealed record CommandApdu
{
    public CommandApdu(byte cla, byte ins, byte p1, byte p2, ReadOnlySpan<byte> data = default, int? ne = null)
    {
        if (data.Length > 255)
        {
            throw new ArgumentException("A short APDU carries at most 255 data bytes.", nameof(data));
        }

        if (ne is < 1 or > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(ne), "Ne is 1..256 in a short APDU.");
        }

        Cla = cla;
        Ins = ins;
        P1 = p1;
        P2 = p2;
        Data = data.ToArray();
        Ne = ne;
    }

    public byte Cla { get; }

    public byte Ins { get; }

    public byte P1 { get; }

    public byte P2 { get; }

    public byte[] Data { get; }

    public int? Ne { get; }

    /// <summary>Parses a short APDU; throws <see cref="FormatException"/> when it is not one.</summary>
    public static CommandApdu Parse(ReadOnlySpan<byte> apdu) =>
        TryParse(apdu, out var command) ? command : throw new FormatException("Not a short command APDU.");

    /// <summary>Parses a short APDU of case 1, 2, 3 or 4; false for anything else (extended lengths included).</summary>
    public static bool TryParse(ReadOnlySpan<byte> apdu, [NotNullWhen(true)] out CommandApdu? command)
    {
        command = null;
        if (apdu.Length < 4)
        {
            return false;
        }

        byte cla = apdu[0], ins = apdu[1], p1 = apdu[2], p2 = apdu[3];
        if (apdu.Length == 4)
        {
            command = new CommandApdu(cla, ins, p1, p2);
            return true;
        }

        if (apdu.Length == 5)
        {
            command = new CommandApdu(cla, ins, p1, p2, default, DecodeLe(apdu[4]));
            return true;
        }

        int lc = apdu[4];
        if (lc == 0)
        {
            // Lc = 00 followed by more bytes is an extended APDU: not in this profile.
            return false;
        }

        if (apdu.Length == 5 + lc)
        {
            command = new CommandApdu(cla, ins, p1, p2, apdu.Slice(5, lc));
            return true;
        }

        if (apdu.Length == 6 + lc)
        {
            command = new CommandApdu(cla, ins, p1, p2, apdu.Slice(5, lc), DecodeLe(apdu[5 + lc]));
            return true;
        }

        return false;
    }

    /// <summary>Encodes the APDU as header ‖ [Lc ‖ data] ‖ [Le].</summary>
    public byte[] ToBytes()
    {
        int length = 4 + (Data.Length > 0 ? 1 + Data.Length : 0) + (Ne is null ? 0 : 1);
        var bytes = new byte[length];
        bytes[0] = Cla;
        bytes[1] = Ins;
        bytes[2] = P1;
        bytes[3] = P2;
        int offset = 4;
        if (Data.Length > 0)
        {
            bytes[offset++] = (byte)Data.Length;
            Data.CopyTo(bytes, offset);
            offset += Data.Length;
        }

        if (Ne is int ne)
        {
            bytes[offset] = (byte)(ne == 256 ? 0 : ne);
        }

        return bytes;
    }

    public override string ToString() => Hex.Format(ToBytes());

    private static int DecodeLe(byte le) => le == 0 ? 256 : le;
}
