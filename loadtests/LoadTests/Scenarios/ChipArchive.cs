using System.Collections.Concurrent;
using System.Text.Json;
using WalletGateway.SecureElement;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>--save-chips DIR</c>: keeps every virtual terminal's software secure element and every card the gateway
/// reported <c>active</c>, and writes them to DIR at the end of the campaign (one <c>chip-*.json</c> per chip,
/// <c>reported.jsonl</c>), for <c>loadrunner invariants</c> to compare with the durable card records.
/// </summary>
public sealed class ChipArchive(string directory)
{
    public const string ReportedFile = "reported.jsonl";

    private readonly ConcurrentDictionary<string, SoftSecureElement> _chips = new();
    private readonly ConcurrentQueue<ReportedCard> _reported = new();

    public string Directory { get; } = directory;

    public void Track(SoftSecureElement chip) => _chips.TryAdd(chip.ChipId, chip);

    public void Reported(string chipId, string cardId, string sessionId) => _reported.Enqueue(new ReportedCard(chipId, cardId, sessionId));

    /// <summary>Writes what it holds (appending to earlier campaigns' files in the same folder).</summary>
    public void Save()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var chip in _chips.Values)
        {
            chip.Save(Path.Combine(Directory, $"chip-{chip.ChipId}.json"));
        }

        File.AppendAllLines(Path.Combine(Directory, ReportedFile), _reported.Select(r => JsonSerializer.Serialize(r)));
    }

    public sealed record ReportedCard(string ChipId, string CardId, string SessionId);
}
