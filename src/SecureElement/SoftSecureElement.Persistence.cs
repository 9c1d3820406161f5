using System.Text.Json;
using WalletGateway.SecureChannel;

namespace WalletGateway.SecureElement;

// Saving and loading, so that a reference terminal's "phone" keeps its cards between runs.
public sealed partial class SoftSecureElement
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true };

    /// <summary>Writes the chip (keys, counters, cards) as JSON, atomically: a temporary file, then a rename.</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] json;
        lock (_lock)
        {
            var file = new SecureElementFile(
                SecureElementFile.CurrentFormatVersion,
                Hex.Format(_kdd),
                Hex.Format(_keys.Enc),
                Hex.Format(_keys.Mac),
                Hex.Format(_keys.Dek),
                _sequenceCounter,
                _failedAuthentications,
                [.. _cards]);
            json = JsonSerializer.SerializeToUtf8Bytes(file, JsonOptions);
        }

        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            File.WriteAllBytes(temp, json);
            File.Move(temp, fullPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Reads a chip written by <see cref="Save"/>; throws <see cref="InvalidDataException"/> on a damaged file.</summary>
    public static SoftSecureElement Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SecureElementFile? file;
        try
        {
            file = JsonSerializer.Deserialize<SecureElementFile>(File.ReadAllBytes(path), JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not a saved secure element.", ex);
        }

        if (file is null || file.FormatVersion != SecureElementFile.CurrentFormatVersion
            || !Hex.TryParse(file.Kdd, out var kdd) || kdd.Length != ChipKeys.KddLength
            || !TryParseKey(file.KeyEnc, out var enc) || !TryParseKey(file.KeyMac, out var mac) || !TryParseKey(file.KeyDek, out var dek)
            || file.SequenceCounter is < 0 or > MaxSequenceCounter || file.FailedAuthentications < 0 || file.Cards is null
            || file.Cards.Any(c => c?.Card is null || !TryParseKey(c.PaymentKey, out _)))
        {
            throw new InvalidDataException($"'{path}' is not a saved secure element.");
        }

        var element = new SoftSecureElement(kdd, new ChipKeys(enc, mac, dek))
        {
            _sequenceCounter = file.SequenceCounter,
            _failedAuthentications = file.FailedAuthentications,
        };
        element._cards.AddRange(file.Cards);
        return element;
    }

    private static bool TryParseKey(string? hex, out byte[] key)
    {
        key = [];
        if (!Hex.TryParse(hex, out var bytes) || bytes.Length != 16)
        {
            return false;
        }

        key = bytes;
        return true;
    }
}
