using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The payment applet's data in DGI form (<c>docs/scp03.md</c>, "The personalisation script"): the card record <c>0101</c>,
/// the DEK-encrypted payment key <c>8010</c>, its check value <c>9010</c>, and the SHA-256 receipt over them.
/// Shared by the host (to build) and the card (to read back).
/// </summary>
public static class PaymentPersonalization
{
    public const ushort CardRecordDgi = 0x0101;
    public const ushort PaymentKeyDgi = 0x8010;
    public const ushort CheckValueDgi = 0x9010;
    public const uint ReceiptTag = 0xDF70;

    // The card record's TLV tags.
    private const uint CardNumberTag = 0x5A;
    private const uint ExpiryTag = 0x5F24;
    private const uint CardholderNameTag = 0x5F20;
    private const uint IssuerIdTag = 0x9F12;
    private const uint CardIdTag = 0xDF01;

    /// <summary>The DGIs in plaintext (the payment key in clear), in the order they are sent.</summary>
    public static IReadOnlyList<Dgi> PlaintextDgis(CardData card)
    {
        Validate(card);
        return
        [
            new Dgi(CardRecordDgi, EncodeCardRecord(card)),
            new Dgi(PaymentKeyDgi, (byte[])card.PaymentKey.Clone()),
            new Dgi(CheckValueDgi, ChipKeys.CheckValue(card.PaymentKey)),
        ];
    }

    /// <summary>AES-CBC under the static Key-DEK with a zero IV, no padding (the values are whole blocks).</summary>
    public static byte[] EncryptWithDek(ReadOnlySpan<byte> dek, ReadOnlySpan<byte> value)
    {
        using var aes = Aes.Create();
        aes.Key = dek.ToArray();
        return aes.EncryptCbc(value, new byte[16], PaddingMode.None);
    }

    /// <summary>The inverse of <see cref="EncryptWithDek"/>; false when the value is not whole blocks.</summary>
    public static bool TryDecryptWithDek(ReadOnlySpan<byte> dek, ReadOnlySpan<byte> value, out byte[] plaintext)
    {
        plaintext = [];
        if (!Pad80.IsWholeBlocks(value))
        {
            return false;
        }

        using var aes = Aes.Create();
        aes.Key = dek.ToArray();
        plaintext = aes.DecryptCbc(value, new byte[16], PaddingMode.None);
        return true;
    }

    /// <summary>SHA-256 over tag ‖ length ‖ plaintext value of each DGI, in order.</summary>
    public static byte[] Receipt(IEnumerable<Dgi> plaintextDgis)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var dgi in plaintextDgis)
        {
            AppendToReceipt(hash, dgi);
        }

        return hash.GetHashAndReset();
    }

    /// <summary>Adds one plaintext DGI to a receipt being computed (a SHA-256 <see cref="IncrementalHash"/>).</summary>
    public static void AppendToReceipt(IncrementalHash receipt, Dgi plaintextDgi)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(plaintextDgi);
        receipt.AppendData(Dgi.EncodeHeader(plaintextDgi.Tag, plaintextDgi.Value.Length));
        receipt.AppendData(plaintextDgi.Value);
    }

    /// <summary>The last block's response data: <c>DF70 20 ‖ receipt</c>.</summary>
    public static byte[] ReceiptResponse(ReadOnlySpan<byte> receipt) => Tlv.Encode(ReceiptTag, receipt);

    /// <summary>TLVs 5A, 5F24, 5F20, 9F12, DF01.</summary>
    public static byte[] EncodeCardRecord(CardData card)
    {
        var year = int.Parse(card.Expiry.AsSpan(0, 4), CultureInfo.InvariantCulture);
        var month = int.Parse(card.Expiry.AsSpan(5, 2), CultureInfo.InvariantCulture);
        var lastDay = DateTime.DaysInMonth(year, month);
        var expiry = Convert.FromHexString(string.Create(CultureInfo.InvariantCulture, $"{year % 100:D2}{month:D2}{lastDay:D2}"));
        var pan = card.CardNumber.Length % 2 == 0 ? card.CardNumber : card.CardNumber + "F";
        return
        [
            .. Tlv.Encode(CardNumberTag, Convert.FromHexString(pan)),
            .. Tlv.Encode(ExpiryTag, expiry),
            .. Tlv.Encode(CardholderNameTag, Encoding.ASCII.GetBytes(card.CardholderName)),
            .. Tlv.Encode(IssuerIdTag, Encoding.ASCII.GetBytes(card.IssuerId)),
            .. Tlv.Encode(CardIdTag, Encoding.ASCII.GetBytes(card.CardId)),
        ];
    }

    /// <summary>Reads a card record back; false when a field is missing or malformed.</summary>
    public static bool TryDecodeCardRecord(ReadOnlySpan<byte> value, out CardRecord record)
    {
        record = new CardRecord("", "", "", "", "");
        if (!Tlv.TryParse(value, out var items))
        {
            return false;
        }

        string? pan = null, expiry = null, name = null, issuer = null, cardId = null;
        foreach (var (tag, v) in items)
        {
            switch (tag)
            {
                case CardNumberTag:
                    pan = DecodePan(v);
                    break;
                case ExpiryTag:
                    expiry = DecodeExpiry(v);
                    break;
                case CardholderNameTag:
                    name = DecodeAscii(v);
                    break;
                case IssuerIdTag:
                    issuer = DecodeAscii(v);
                    break;
                case CardIdTag:
                    cardId = DecodeAscii(v);
                    break;
            }
        }

        if (pan is null || expiry is null || name is null || issuer is null || string.IsNullOrEmpty(cardId))
        {
            return false;
        }

        record = new CardRecord(pan, expiry, name, issuer, cardId);
        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when the card data cannot be written in this format.</summary>
    public static void Validate(CardData card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.CardNumber is null || card.CardNumber.Length is < 8 or > 19 || !card.CardNumber.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The card number is 8 to 19 digits.", nameof(card));
        }

        if (card.Expiry is null || card.Expiry.Length != 7 || card.Expiry[4] != '-'
            || !int.TryParse(card.Expiry.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            || !int.TryParse(card.Expiry.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int month)
            || year is < 2000 or > 2099 || month is < 1 or > 12)
        {
            throw new ArgumentException("The expiry is YYYY-MM, 2000 to 2099.", nameof(card));
        }

        if (card.PaymentKey is null || card.PaymentKey.Length != 16)
        {
            throw new ArgumentException("The payment key is 16 bytes.", nameof(card));
        }

        if (!IsPrintableAscii(card.CardholderName) || !IsPrintableAscii(card.IssuerId) || !IsPrintableAscii(card.CardId)
            || card.IssuerId.Length == 0 || card.CardId.Length == 0)
        {
            throw new ArgumentException("Name, issuer id and card id are printable ASCII; the ids are not empty.", nameof(card));
        }
    }

    private static bool IsPrintableAscii(string? s) => s is not null && s.Length <= 200 && s.All(c => c is >= ' ' and <= '~');

    private static string? DecodePan(byte[] v)
    {
        var digits = Convert.ToHexString(v).TrimEnd('F');
        return digits.Length > 0 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    private static string? DecodeExpiry(byte[] v)
    {
        if (v.Length != 3)
        {
            return null;
        }

        var digits = Convert.ToHexString(v);
        if (!digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        int month = int.Parse(digits.AsSpan(2, 2), CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 ? $"20{digits[..2]}-{digits.Substring(2, 2)}" : null;
    }

    private static string? DecodeAscii(byte[] v) => v.All(b => b is >= 0x20 and <= 0x7E) ? Encoding.ASCII.GetString(v) : null;
}
