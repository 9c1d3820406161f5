using System.Diagnostics.CodeAnalysis;

namespace WalletGateway.SecureChannel;

/// <summary>A response APDU: data ‖ SW1 SW2.</summary>
public sealed record ResponseApdu
{
    public ResponseApdu(ReadOnlySpan<byte> data, ushort statusWord)
    {
        Data = data.ToArray();
        StatusWord = statusWord;
    }

    public byte[] Data { get; }

    public ushort StatusWord { get; }

    public byte Sw1 => (byte)(StatusWord >> 8);

    public byte Sw2 => (byte)StatusWord;

    /// <summary>True for <c>9000</c>.</summary>
    public bool IsSuccess => StatusWord == StatusWords.Success;

    /// <summary>True for <c>9000</c>, <c>62xx</c> and <c>63xx</c>: the status words that keep a secure channel open.</summary>
    public bool IsNormalOrWarning => IsNormalOrWarningStatus(StatusWord);

    /// <summary>True for <c>9000</c>, <c>62xx</c> and <c>63xx</c>.</summary>
    public static bool IsNormalOrWarningStatus(ushort statusWord) =>
        statusWord == StatusWords.Success || (statusWord >> 8) is 0x62 or 0x63;

    public static ResponseApdu Parse(ReadOnlySpan<byte> response) =>
        TryParse(response, out var parsed) ? parsed : throw new FormatException("A response APDU has at least the two status bytes.");

    public static bool TryParse(ReadOnlySpan<byte> response, [NotNullWhen(true)] out ResponseApdu? parsed)
    {
        parsed = null;
        if (response.Length < 2)
        {
            return false;
        }

        int n = response.Length;
        parsed = new ResponseApdu(response[..(n - 2)], (ushort)((response[n - 2] << 8) | response[n - 1]));
        return true;
    }

    /// <summary>Encodes data ‖ SW1 SW2.</summary>
    public byte[] ToBytes() => Encode(Data, StatusWord);

    public static byte[] Encode(ReadOnlySpan<byte> data, ushort statusWord)
    {
        var bytes = new byte[data.Length + 2];
        data.CopyTo(bytes);
        bytes[^2] = (byte)(statusWord >> 8);
        bytes[^1] = (byte)statusWord;
        return bytes;
    }

    public override string ToString() => Hex.Format(ToBytes());
}
