using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Audit;

/// <summary>
/// The keyed hash chain of a card's audit trail: each record's hash is HMAC-SHA256, under
/// <see cref="AuditOptions.ChainKey"/>, over its fields and the previous record's hash, and the card record keeps the
/// last sequence number and hash (the head), so an edited, removed, reordered or truncated record is detectable. The
/// key lives outside storage: someone who can write both the audit table and the card records still cannot recompute
/// a chain that verifies.
/// </summary>
public sealed class AuditChain(IOptions<AuditOptions> options)
{
    /// <summary>The "previous hash" of the first record.</summary>
    public const string Genesis = "";

    private readonly byte[] _key = Convert.FromHexString(options.Value.ChainKey);

    public AuditRecord Next(long previousSeq, string previousHash, DateTimeOffset at, string @event, string actor,
        Guid? sessionId, string? chipId, string? cardId, string? reason)
    {
        // Whole milliseconds in UTC: the time survives any storage round trip unchanged.
        var time = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        var record = new AuditRecord(previousSeq + 1, time, @event, actor, sessionId, chipId, cardId, reason, previousHash, "");
        return record with { Hash = HashOf(record) };
    }

    public string HashOf(AuditRecord r)
    {
        var canonical = string.Join('\n',
            r.Seq.ToString(CultureInfo.InvariantCulture),
            r.At.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            r.Event, r.Actor, r.SessionId?.ToString("N") ?? "", r.ChipId ?? "", r.CardId ?? "", r.Reason ?? "", r.PreviousHash);
        return Convert.ToHexString(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>Checks <paramref name="records"/> (ordered by seq) against the head the card record holds.</summary>
    public AuditVerification Verify(IReadOnlyList<AuditRecord> records, long headSeq, string headHash)
    {
        var previous = Genesis;
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Seq != i + 1)
            {
                return Bad(headSeq, i + 1, $"record {i + 1} is missing");
            }

            if (r.PreviousHash != previous)
            {
                return Bad(headSeq, r.Seq, $"record {r.Seq} does not follow record {r.Seq - 1} (chain broken)");
            }

            if (HashOf(r) != r.Hash)
            {
                return Bad(headSeq, r.Seq, $"record {r.Seq} was altered (hash mismatch)");
            }

            previous = r.Hash;
        }

        if (records.Count < headSeq)
        {
            return Bad(headSeq, records.Count + 1, $"record {records.Count + 1} is missing (the card record says there are {headSeq})");
        }

        if (records.Count > headSeq)
        {
            return Bad(headSeq, headSeq + 1, $"record {headSeq + 1} was added after the card's last change");
        }

        return previous == headHash
            ? new AuditVerification(true, headSeq, null, null)
            : Bad(headSeq, headSeq, $"record {headSeq} is not the one the card record holds (head mismatch)");
    }

    private static AuditVerification Bad(long expected, long seq, string problem) => new(false, expected, seq, problem);
}
