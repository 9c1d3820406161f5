using System.Security.Cryptography;
using WalletGateway.SecureChannel;

namespace WalletGateway.SecureElement;

// The payment applet: INSTALL [for personalization] and STORE DATA in DGI format (docs/scp03.md, "The personalisation
// script" and "The removal script"). A card is stored or removed only once its last block verified; anything else
// leaves the stored cards as they were.
public sealed partial class SoftSecureElement
{
    private const byte PersonalizationLevel = Scp03.SecurityLevel;
    private const int MaxPersonalizationBytes = 8192;

    private readonly List<SecureElementFile.CardEntry> _cards = [];
    private Personalization? _personalization;

    /// <summary>The cards the payment applet holds, in the order they were first written.</summary>
    public IReadOnlyList<StoredCard> Cards
    {
        get
        {
            lock (_lock)
            {
                return [.. _cards.Select(c => c.Card)];
            }
        }
    }

    private (byte[] Data, ushort Sw) Install(CommandApdu command)
    {
        AbortPersonalization();
        if (command.P1 != Instructions.InstallForPersonalization || command.P2 != 0x00)
        {
            return ([], StatusWords.IncorrectP1P2);
        }

        if (_channel!.SecurityLevel != PersonalizationLevel)
        {
            return ([], StatusWords.SecurityStatusNotSatisfied);
        }

        if (!PersonalizationCommands.TryReadInstallAid(command.Data, out var aid))
        {
            return ([], StatusWords.WrongData);
        }

        if (!aid.SequenceEqual(Scp03.PaymentAppletAid))
        {
            return ([], StatusWords.ReferencedDataNotFound);
        }

        _personalization = new Personalization();
        return ([], StatusWords.Success);
    }

    private (byte[] Data, ushort Sw) StoreData(CommandApdu command)
    {
        var p = _personalization;
        if (p is null)
        {
            return ([], StatusWords.ConditionsNotSatisfied);
        }

        if (command.P2 != p.NextBlock)
        {
            return ([], StatusWords.SecurityStatusNotSatisfied);
        }

        if (!StoreDataP1.IsValid(command.P1))
        {
            return ([], StatusWords.IncorrectP1P2);
        }

        p.ReceivedBytes += command.Data.Length;
        bool lastBlock = StoreDataP1.IsLastBlock(command.P1);
        if (p.ReceivedBytes > MaxPersonalizationBytes || (p.NextBlock == PersonalizationCommands.MaxBlocks - 1 && !lastBlock))
        {
            return ([], StatusWords.NotEnoughMemory);
        }

        var completed = p.Reader.Append(command.Data, out var content);
        bool encrypted = StoreDataP1.IsEncrypted(command.P1);
        if ((content == EncryptedContent.Value && !encrypted) || (content == EncryptedContent.None && encrypted))
        {
            return ([], StatusWords.IncorrectP1P2);
        }

        foreach (var dgi in completed)
        {
            var sw = Accept(p, dgi);
            if (sw != StatusWords.Success)
            {
                return ([], sw);
            }
        }

        p.NextBlock++;
        if (!lastBlock)
        {
            return ([], StatusWords.Success);
        }

        return Complete(p);
    }

    private ushort Accept(Personalization p, Dgi received)
    {
        var plaintext = received;
        if (received.IsEncrypted)
        {
            if (!PaymentPersonalization.TryDecryptWithDek(_keys.Dek, received.Value, out var value))
            {
                return StatusWords.WrongData;
            }

            plaintext = new Dgi(received.Tag, value);
        }

        // A removal DGI stands alone: nothing before it, nothing after it.
        if (p.RemovalCardId is not null || (plaintext.Tag == PaymentRemoval.RemovalDgi && p.HasData))
        {
            return StatusWords.WrongData;
        }

        switch (plaintext.Tag)
        {
            case PaymentRemoval.RemovalDgi:
                if (!PaymentRemoval.TryReadCardId(plaintext.Value, out var cardId))
                {
                    return StatusWords.WrongData;
                }

                p.RemovalCardId = cardId;
                break;
            case PaymentPersonalization.PaymentKeyDgi when plaintext.Value.Length != 16:
                return StatusWords.WrongData;
            case PaymentPersonalization.PaymentKeyDgi:
                p.PaymentKey = plaintext.Value;
                break;
            case PaymentPersonalization.CheckValueDgi:
                if (p.PaymentKey is null
                    || !CryptographicOperations.FixedTimeEquals(plaintext.Value, ChipKeys.CheckValue(p.PaymentKey)))
                {
                    return StatusWords.WrongData;
                }

                p.CheckValue = plaintext.Value;
                break;
            case PaymentPersonalization.CardRecordDgi:
                if (!PaymentPersonalization.TryDecodeCardRecord(plaintext.Value, out var record))
                {
                    return StatusWords.WrongData;
                }

                p.Record = record;
                break;
        }

        p.HasData = true;
        PaymentPersonalization.AppendToReceipt(p.Receipt, plaintext);
        return StatusWords.Success;
    }

    private (byte[] Data, ushort Sw) Complete(Personalization p)
    {
        if (p.RemovalCardId is not null && p.Reader.IsAtBoundary)
        {
            return Remove(p.RemovalCardId, p);
        }

        if (!p.Reader.IsAtBoundary || p.Record is null || p.PaymentKey is null || p.CheckValue is null)
        {
            return ([], StatusWords.WrongData);
        }

        var receipt = p.Receipt.GetHashAndReset();
        var record = p.Record;
        var card = new StoredCard(
            record.CardId, record.IssuerId, record.CardNumber, record.Expiry, record.CardholderName,
            Hex.Format(p.CheckValue), Hex.Format(receipt));
        var entry = new SecureElementFile.CardEntry(card, Hex.Format(p.PaymentKey));
        int existing = _cards.FindIndex(c => c.Card.CardId == card.CardId);
        if (existing >= 0)
        {
            _cards[existing] = entry;
        }
        else
        {
            _cards.Add(entry);
        }

        AbortPersonalization();
        return (PaymentPersonalization.ReceiptResponse(receipt), StatusWords.Success);
    }

    // The receipt over the one DGI received is the removal digest: SHA-256 over 0F01 ‖ len ‖ value.
    private (byte[] Data, ushort Sw) Remove(string cardId, Personalization p)
    {
        var digest = p.Receipt.GetHashAndReset();
        int removed = _cards.RemoveAll(c => c.Card.CardId == cardId);
        AbortPersonalization();
        return (PaymentRemoval.Answer(removed > 0 ? PaymentRemoval.Removed : PaymentRemoval.Absent, digest), StatusWords.Success);
    }

    private void AbortPersonalization()
    {
        _personalization?.Dispose();
        _personalization = null;
    }

    private sealed class Personalization : IDisposable
    {
        public DgiStreamReader Reader { get; } = new();

        public IncrementalHash Receipt { get; } = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public int NextBlock { get; set; }

        public int ReceivedBytes { get; set; }

        public byte[]? PaymentKey { get; set; }

        public byte[]? CheckValue { get; set; }

        public CardRecord? Record { get; set; }

        /// <summary>True once a DGI was accepted.</summary>
        public bool HasData { get; set; }

        /// <summary>The card id of a removal DGI <c>0F01</c>, the only DGI of its script.</summary>
        public string? RemovalCardId { get; set; }

        public void Dispose()
        {
            if (PaymentKey is not null)
            {
                CryptographicOperations.ZeroMemory(PaymentKey);
            }

            Receipt.Dispose();
        }
    }
}
