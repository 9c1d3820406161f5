using System.Net.Http.Json;
using System.Text.Json;
using WalletGateway.Contracts.Admin;
using WalletGateway.LoadTests.Scenarios;
using WalletGateway.SecureElement;
using ReportedCard = WalletGateway.LoadTests.Scenarios.ChipArchive.ReportedCard;

namespace WalletGateway.LoadTests.Invariants;

/// <summary>
/// Compares what the software secure elements hold (saved with <c>--save-chips</c>, or the chips of a running test) with the
/// gateway's durable card records (operator API <c>GET /admin/cards?chipId=</c>, <c>GET /admin/cards/{issuer}/{cardRef}</c>):
/// 1. no card (issuer + card number) is on two chips, whatever its card ids, and no card record is active on two chips —
///    except a copy the gateway still has to take off a chip (removal pending: the card was deleted or suspended for loss
///    while on it, the phone has not come back), counted apart as awaiting its wipe;
/// 2. every card the gateway last reported active on a chip is on that chip and durably active there (or awaiting its wipe
///    there); every card it last reported removed from a chip (a verified <c>DF71</c>) is neither on that chip nor bound to
///    it by its record; a removal begun and never seen verified is counted apart (the chip may have dropped the card);
/// 3. every card a chip holds is durably active (or suspended) on that chip (else: unconfirmed or awaiting its wipe,
///    counted apart);
/// 4. no card is still leased (provisioning) once its lease time has passed.
/// A card that moved (removed from chip A, then written to chip B) is on one chip at every point, so it passes every check.
/// </summary>
public sealed class InvariantChecker(HttpClient gateway, string apiKey)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>Checks the chips and reported cards a campaign saved in <paramref name="directory"/>.</summary>
    public Task<InvariantReport> CheckAsync(string directory, CancellationToken ct) => CheckSettledAsync(directory, TimeSpan.Zero, rechecking: null, ct);

    /// <summary>
    /// <see cref="CheckSettledAsync(IReadOnlyCollection{SoftSecureElement}, IReadOnlyList{ReportedCard}, TimeSpan, Action{InvariantReport}, CancellationToken)"/>
    /// on what a campaign saved in <paramref name="directory"/>.
    /// </summary>
    public Task<InvariantReport> CheckSettledAsync(string directory, TimeSpan settle, Action<InvariantReport>? rechecking, CancellationToken ct) =>
        CheckSettledAsync([.. Directory.GetFiles(directory, "chip-*.json").Select(SoftSecureElement.Load)], ChipArchive.ReadReported(directory), settle,
            rechecking, ct);

    /// <summary>
    /// How long a check right after a campaign waits for the chip index. A card's index rows are written after the
    /// gateway's answer, grouped per bucket and sent within a second of the card's write (<c>ChipIndex.MaxDelay</c>): a
    /// card answered in a campaign's last second may not be in its chip's list yet. A violation still there after this
    /// is one.
    /// </summary>
    public static readonly TimeSpan IndexSettle = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Checks, and checks again every second while violations are found, until none is left or <paramref name="settle"/>
    /// has passed; returns the last report. <paramref name="rechecking"/> hears of each check that is repeated.
    /// </summary>
    public async Task<InvariantReport> CheckSettledAsync(
        IReadOnlyCollection<SoftSecureElement> chips, IReadOnlyList<ReportedCard> reported, TimeSpan settle, Action<InvariantReport>? rechecking,
        CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + settle;
        while (true)
        {
            var report = await CheckAsync(chips, reported, ct);
            if (report.Violations.Count == 0 || DateTimeOffset.UtcNow >= deadline)
            {
                return report;
            }

            rechecking?.Invoke(report);
            await Task.Delay(TimeSpan.FromSeconds(1), ct);
        }
    }

    /// <summary>Checks <paramref name="chips"/> as they are now against the records; <paramref name="reported"/> in the order the gateway answered.</summary>
    public async Task<InvariantReport> CheckAsync(IReadOnlyCollection<SoftSecureElement> chips, IReadOnlyList<ReportedCard> reported, CancellationToken ct)
    {
        var report = new InvariantReport { Chips = chips.Count, Reported = reported.Count };
        var records = await RecordsAsync(chips, ct);
        var copies = chips.SelectMany(c => c.Cards.Select(card => new Copy(c.ChipId, card.IssuerId, card.CardNumber, card.CardId, Classify(records, c.ChipId, card.CardId))))
            .ToList();

        CheckOneChipPerCard(copies, records, report);
        CheckReported(chips, reported, records, report);
        CheckCopiesBound(copies, report);
        await CheckLeasesAsync(records, report, ct);
        return report;
    }

    private async Task<Dictionary<string, List<AdminChipCardResponse>>> RecordsAsync(IReadOnlyCollection<SoftSecureElement> chips, CancellationToken ct)
    {
        var records = new Dictionary<string, List<AdminChipCardResponse>>();
        await Parallel.ForEachAsync(chips, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (chip, token) =>
        {
            var list = await GetAsync<List<AdminChipCardResponse>>($"admin/cards?chipId={chip.ChipId}", token) ?? [];
            lock (records)
            {
                records[chip.ChipId] = list;
            }
        });
        return records;
    }

    /// <summary>What the durable records say of the copy of <paramref name="cardId"/> that <paramref name="chipId"/> holds.</summary>
    private static Binding Classify(Dictionary<string, List<AdminChipCardResponse>> records, string chipId, string cardId)
    {
        var list = records.GetValueOrDefault(chipId) ?? [];
        return list.FirstOrDefault(c => c.CardId == cardId && c.OnThisChip) switch
        {
            { Status: "active" or "suspended" } => Binding.Durable,
            { Status: "unconfirmed" } => Binding.Unconfirmed,
            { } other => new Binding(other.Status),
            null when list.Any(c => c.RemovalPendingCardId == cardId) => Binding.AwaitingWipe,
            null => new Binding(list.FirstOrDefault(c => c.CardId == cardId)?.Status ?? "nothing"),
        };
    }

    // 1. the same card (issuer, card number) on two chips: a second write of one card, under the same card id or, when a
    // lease lost with its silo was taken over by another chip, under two; or a card moved to another chip while the first
    // still held it. A copy awaiting its wipe is known to the gateway and is taken off when that phone next calls.
    private static void CheckOneChipPerCard(List<Copy> copies, Dictionary<string, List<AdminChipCardResponse>> records, InvariantReport report)
    {
        foreach (var twice in copies.GroupBy(x => (x.IssuerId, x.CardNumber)).Where(g => g.Select(x => x.ChipId).Distinct().Count() > 1))
        {
            var live = twice.Where(x => x.Binding != Binding.AwaitingWipe).ToList();
            if (live.Select(x => x.ChipId).Distinct().Count() <= 1)
            {
                continue;
            }

            var ids = twice.Select(x => x.CardId).Distinct().Count();
            report.Violation($"card {twice.Key.IssuerId} …{twice.Key.CardNumber[^4..]} is on {twice.Select(x => x.ChipId).Distinct().Count()} chips " +
                             $"under {ids} card id{(ids == 1 ? "" : "s")} ({string.Join(", ", twice.Select(x => $"{x.CardId} on {x.ChipId}"))})");
        }

        foreach (var twice in records.SelectMany(r => r.Value.Where(c => c.OnThisChip && c.Status == "active").Select(c => (Chip: r.Key, c.IssuerId, c.CardRef)))
                     .GroupBy(x => (x.IssuerId, x.CardRef)).Where(g => g.Count() > 1))
        {
            report.Violation($"card record {twice.Key.IssuerId}/{twice.Key.CardRef} is active on {twice.Count()} chips");
        }
    }

    // 2. what the gateway answered last for each chip and card id: active → on that chip and durably active there;
    // removed → off that chip, and no record binds it there.
    private static void CheckReported(
        IReadOnlyCollection<SoftSecureElement> chips, IReadOnlyList<ReportedCard> reported, Dictionary<string, List<AdminChipCardResponse>> records, InvariantReport report)
    {
        var byChip = chips.ToDictionary(c => c.ChipId);
        foreach (var r in reported.GroupBy(r => (r.ChipId, r.CardId)).Select(g => g.Last()))
        {
            var onChip = byChip.TryGetValue(r.ChipId, out var chip) && chip.Cards.Any(c => c.CardId == r.CardId);
            var list = records.GetValueOrDefault(r.ChipId) ?? [];
            if (r.Outcome == ReportedCard.RemovingOutcome)
            {
                // Either way is sound: still bound to the chip (checked in 3 if the chip holds it), or on no chip at all until
                // the removal runs again and the chip's answer (not held) verifies.
                report.RemovalsUnfinished++;
                continue;
            }

            if (r.Outcome == ReportedCard.RemovedOutcome)
            {
                report.ReportedRemoved++;
                var bound = list.Any(c => c.CardId == r.CardId && c.OnThisChip);
                if (onChip || bound)
                {
                    report.Violation($"reported removed {r.CardId} from {r.ChipId} (session {r.SessionId}): still on chip {onChip}, record binds it there {bound}");
                }

                continue;
            }

            report.ReportedActive++;
            // Deleted or suspended for loss since, while on that chip: the record keeps the chip's copy as awaiting its wipe.
            var durable = list.Any(c => c.CardId == r.CardId && c.OnThisChip && c.Status == "active")
                          || list.Any(c => c.RemovalPendingCardId == r.CardId);
            if (!onChip || !durable)
            {
                report.Violation($"reported active {r.CardId} on {r.ChipId} (session {r.SessionId}): on chip {onChip}, durably active there {durable}");
            }
        }
    }

    // 3. on a chip → durably active on it (or unconfirmed there, or awaiting its wipe from it).
    private static void CheckCopiesBound(List<Copy> copies, InvariantReport report)
    {
        foreach (var copy in copies)
        {
            report.CardsOnChips++;
            if (copy.Binding == Binding.Durable)
            {
                report.DurablyActive++;
            }
            else if (copy.Binding == Binding.Unconfirmed)
            {
                report.Unconfirmed++;
            }
            else if (copy.Binding == Binding.AwaitingWipe)
            {
                report.AwaitingWipe++;
            }
            else
            {
                report.Violation($"chip {copy.ChipId} holds {copy.CardId} but the durable record says {copy.Binding.Status}");
            }
        }
    }

    // 4. leases: provisioning records past their lease time.
    private async Task CheckLeasesAsync(Dictionary<string, List<AdminChipCardResponse>> records, InvariantReport report, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        foreach (var leased in records.Values.SelectMany(l => l).Where(c => c.Status == "provisioning").DistinctBy(c => (c.IssuerId, c.CardRef)))
        {
            var card = await GetAsync<AdminCardResponse>($"admin/cards/{leased.IssuerId}/{Uri.EscapeDataString(leased.CardRef)}", ct);
            if (card is { Status: "provisioning", LeaseUntil: { } until })
            {
                if (until < now)
                {
                    report.Violation($"card {leased.IssuerId}/{leased.CardRef} still leased after its lease ended at {until:O}");
                }
                else
                {
                    report.LeasesRunning++;
                    report.LastLeaseEnds = report.LastLeaseEnds is { } last && last > until ? last : until;
                }
            }
        }
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await gateway.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Web, ct);
    }

    /// <summary>A card a chip holds, and what its record says of it there.</summary>
    private sealed record Copy(string ChipId, string IssuerId, string CardNumber, string CardId, Binding Binding);

    /// <summary>How the durable records bind a copy to its chip: one of the three named, or a violation showing <see cref="Status"/>.</summary>
    private sealed class Binding(string status)
    {
        public string Status { get; } = status;

        public static readonly Binding Durable = new("active");
        public static readonly Binding Unconfirmed = new("unconfirmed");
        public static readonly Binding AwaitingWipe = new("removal-pending");
    }
}
