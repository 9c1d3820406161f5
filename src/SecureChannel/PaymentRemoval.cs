using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace WalletGateway.SecureChannel;

/// <summary>
/// The removal of a card from the payment applet (<c>docs/scp03.md</c>, "The removal script"): DGI <c>0F01</c> holding
/// <c>DF01</c> ‖ the card id, answered <c>DF71 21 ‖ outcome ‖ digest</c>, the digest SHA-256 over the DGI as received.
/// Shared by the host (to build and check) and the card (to read and answer).
/// </summary>
public static class PaymentRemoval
{
    public const ushort RemovalDgi = 0x0F01;
    public const uint AnswerTag = 0xDF71;

    /// <summary>The card record with that card id was removed.</summary>
    public const byte Removed = 0x01;

    /// <summary>The chip held no card record with that card id; nothing changed.</summary>
    public const byte Absent = 0x00;

    private const uint CardIdTag = 0xDF01;
    private const int DigestLength = 32;

    /// <summary>DGI <c>0F01</c> { <c>DF01</c> ‖ len ‖ card id (ASCII) }.</summary>
    public static Dgi Request(string cardId)
    {
        if (string.IsNullOrEmpty(cardId) || cardId.Length > 200 || !cardId.All(c => c is >= ' ' and <= '~'))
        {
            throw new ArgumentException("The card id is 1 to 200 printable ASCII characters.", nameof(cardId));
        }

        return new Dgi(RemovalDgi, Tlv.Encode(CardIdTag, Encoding.ASCII.GetBytes(cardId)));
    }

    /// <summary>Reads the card id of a <c>0F01</c> value; false when it is not exactly one non-empty <c>DF01</c>.</summary>
    public static bool TryReadCardId(ReadOnlySpan<byte> value, [NotNullWhen(true)] out string? cardId)
    {
        cardId = null;
        if (!Tlv.TryParse(value, out var items) || items.Count != 1 || items[0].Tag != CardIdTag || items[0].Value.Length == 0
            || !items[0].Value.All(b => b is >= 0x20 and <= 0x7E))
        {
            return false;
        }

        cardId = Encoding.ASCII.GetString(items[0].Value);
        return true;
    }

    /// <summary>SHA-256 over <c>0F01 ‖ len ‖ value</c>.</summary>
    public static byte[] Digest(Dgi request) => PaymentPersonalization.Receipt([request]);

    /// <summary>The answer data: <c>DF71 21 ‖ outcome ‖ digest</c>.</summary>
    public static byte[] Answer(byte outcome, ReadOnlySpan<byte> digest) => Tlv.Encode(AnswerTag, [outcome, .. digest]);

    /// <summary>
    /// Checks an answer against the request that was sent and returns its outcome (true: removed, false: was not on
    /// the chip); throws <see cref="SecureChannelException"/> when it is not that request's answer.
    /// </summary>
    public static bool VerifyAnswer(ReadOnlySpan<byte> answer, Dgi request)
    {
        if (!Tlv.TryParse(answer, out var items) || items.Count != 1 || items[0].Tag != AnswerTag
            || items[0].Value.Length != 1 + DigestLength)
        {
            throw new SecureChannelException("The removal answer is not DF71 with an outcome and a digest.");
        }

        var value = items[0].Value;
        if (!CryptographicOperations.FixedTimeEquals(value.AsSpan(1), Digest(request)))
        {
            throw new SecureChannelException("The removal digest does not match what was sent.");
        }

        return value[0] switch
        {
            Removed => true,
            Absent => false,
            _ => throw new SecureChannelException($"The removal outcome {value[0]:X2} is neither 01 nor 00."),
        };
    }
}
