using System.Net.Http.Json;
using System.Text.Json;
using WalletGateway.Contracts.Admin;
using WalletGateway.LoadTests.Scenarios;
using WalletGateway.SecureElement;

namespace WalletGateway.LoadTests.Invariants;

/// <summary>
/// Compares what the software secure elements hold (saved with <c>--save-chips</c>) with the gateway's durable card
/// records (operator API <c>GET /admin/cards?chipId=</c>, <c>GET /admin/cards/{issuer}/{cardRef}</c>):
/// 1. no card (issuer + card number) is on two chips, whatever its card ids, and no card record is active on two chips;
/// 2. every card the gateway reported active is on the chip it named and durably active there;
/// 3. every card a chip holds is durably active (or suspended) on that chip (else: unconfirmed, counted apart);
/// 4. no card is still leased (provisioning) once its lease time has passed.
/// </summary>
public sealed class InvariantChecker(HttpClient gateway, string apiKey)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public async Task<InvariantReport> CheckAsync(string directory, CancellationToken ct)
    {
        var chips = Directory.GetFiles(directory, "chip-*.json").Select(SoftSecureElement.Load).ToList();
        var reported = File.Exists(Path.Combine(directory, ChipArchive.ReportedFile))
            ? File.ReadAllLines(Path.Combine(directory, ChipArchive.ReportedFile)).Where(l => l.Length > 0)
                .Select(l => JsonSerializer.Deserialize<ChipArchive.ReportedCard>(l)!).ToList()
            : [];
        var report = new InvariantReport { Chips = chips.Count, Reported = reported.Count };

        // 1a. the same card (issuer, card number) on two chips: a second write of one card, under the same card id or,
        // when a lease lost with its silo was taken over by another chip, under two.
        foreach (var twice in chips.SelectMany(c => c.Cards.Select(card => (Chip: c.ChipId, card.IssuerId, card.CardNumber, card.CardId)))
                     .GroupBy(x => (x.IssuerId, x.CardNumber)).Where(g => g.Select(x => x.Chip).Distinct().Count() > 1))
        {
            var ids = twice.Select(x => x.CardId).Distinct().Count();
            report.Violation($"card {twice.Key.IssuerId} …{twice.Key.CardNumber[^4..]} is on {twice.Select(x => x.Chip).Distinct().Count()} chips " +
                             $"under {ids} card id{(ids == 1 ? "" : "s")} ({string.Join(", ", twice.Select(x => $"{x.CardId} on {x.Chip}"))})");
        }

        var records = new Dictionary<string, List<AdminChipCardResponse>>();
        await Parallel.ForEachAsync(chips, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (chip, token) =>
        {
            var list = await GetAsync<List<AdminChipCardResponse>>($"admin/cards?chipId={chip.ChipId}", token) ?? [];
            lock (records)
            {
                records[chip.ChipId] = list;
            }
        });

        // 1b. a durable record active on two chips.
        foreach (var twice in records.SelectMany(r => r.Value.Where(c => c.OnThisChip && c.Status == "active").Select(c => (Chip: r.Key, c.IssuerId, c.CardRef)))
                     .GroupBy(x => (x.IssuerId, x.CardRef)).Where(g => g.Count() > 1))
        {
            report.Violation($"card record {twice.Key.IssuerId}/{twice.Key.CardRef} is active on {twice.Count()} chips");
        }

        // 2. reported active → on that chip and durably active there.
        var byChip = chips.ToDictionary(c => c.ChipId);
        foreach (var r in reported)
        {
            var onChip = byChip.TryGetValue(r.ChipId, out var chip) && chip.Cards.Any(c => c.CardId == r.CardId);
            var durable = records.TryGetValue(r.ChipId, out var list) && list.Any(c => c.CardId == r.CardId && c.OnThisChip && c.Status == "active");
            if (!onChip || !durable)
            {
                report.Violation($"reported active {r.CardId} on {r.ChipId} (session {r.SessionId}): on chip {onChip}, durably active there {durable}");
            }
        }

        // 3. on a chip → durably active on it.
        foreach (var chip in chips)
        {
            foreach (var card in chip.Cards)
            {
                report.CardsOnChips++;
                var record = records.GetValueOrDefault(chip.ChipId)?.FirstOrDefault(c => c.CardId == card.CardId);
                switch (record)
                {
                    case { OnThisChip: true, Status: "active" or "suspended" }:
                        report.DurablyActive++;
                        break;
                    case { OnThisChip: true, Status: "unconfirmed" }:
                        report.Unconfirmed++;
                        break;
                    default:
                        report.Violation($"chip {chip.ChipId} holds {card.CardId} but the durable record says {record?.Status ?? "nothing"}");
                        break;
                }
            }
        }

        // 4. leases: provisioning records past their lease time.
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

        return report;
    }

    private async Task<T?> GetAsync<T>(string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await gateway.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<T>(Web, ct);
    }
}

/// <summary>What <see cref="InvariantChecker"/> found.</summary>
public sealed class InvariantReport
{
    public int Chips { get; init; }

    public int Reported { get; init; }

    public int CardsOnChips { get; set; }

    public int DurablyActive { get; set; }

    /// <summary>On the chip, the session ended after the last block without the receipt: the record keeps the card bound to that chip.</summary>
    public int Unconfirmed { get; set; }

    public int LeasesRunning { get; set; }

    public DateTimeOffset? LastLeaseEnds { get; set; }

    public List<string> Violations { get; } = [];

    public void Violation(string text)
    {
        lock (Violations)
        {
            Violations.Add(text);
        }
    }

    public override string ToString() =>
        $"chips {Chips}, cards on chips {CardsOnChips} (durably active there {DurablyActive}, unconfirmed {Unconfirmed}), " +
        $"reported active {Reported}, leases still running {LeasesRunning}{(LastLeaseEnds is { } t ? $" (last ends {t:HH:mm:ss}Z)" : "")}, violations {Violations.Count}";
}
