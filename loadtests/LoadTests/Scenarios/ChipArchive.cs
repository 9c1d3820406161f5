using System.Collections.Concurrent;
using System.Text.Json;
using WalletGateway.SecureElement;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// <c>--save-chips DIR</c>: keeps every virtual terminal's software secure element and every card the gateway
/// reported <c>active</c> on a chip or <c>removed</c> from it (in the order reported), and writes them to DIR at the end
/// of the campaign (one <c>chip-*.json</c> per chip, <c>reported.jsonl</c>), for <c>loadrunner invariants</c> to compare
/// with the durable card records. <see cref="Chips"/> and <see cref="ReportedCards"/> give the same to an in-process check.
/// </summary>
public sealed class ChipArchive(string? directory = null)
{
    public const string ReportedFile = "reported.jsonl";

    private readonly ConcurrentDictionary<string, SoftSecureElement> _chips = new();
    private readonly ConcurrentQueue<ReportedCard> _reported = new();

    /// <summary>Where <see cref="Save"/> writes; null for an archive kept in memory only (an in-process check).</summary>
    public string? Directory { get; } = directory;

    public void Track(SoftSecureElement chip) => _chips.TryAdd(chip.ChipId, chip);

    public IReadOnlyCollection<SoftSecureElement> Chips => [.. _chips.Values];

    /// <summary>What the gateway reported so far, in the order reported.</summary>
    public IReadOnlyList<ReportedCard> ReportedCards => [.. _reported];

    public void Reported(string chipId, string cardId, string sessionId) => _reported.Enqueue(new ReportedCard(chipId, cardId, sessionId));

    /// <summary>A removal session named the card (step 0 answered): from now on the chip may drop it before the gateway verifies its answer.</summary>
    public void ReportedRemoving(string chipId, string cardId, string sessionId) =>
        _reported.Enqueue(new ReportedCard(chipId, cardId, sessionId, ReportedCard.RemovingOutcome));

    /// <summary>A removal session ended <c>done</c> (the chip's <c>DF71</c> verified): the card is off that chip.</summary>
    public void ReportedRemoved(string chipId, string cardId, string sessionId) =>
        _reported.Enqueue(new ReportedCard(chipId, cardId, sessionId, ReportedCard.RemovedOutcome));

    /// <summary>Writes what it holds (appending to earlier campaigns' files in the same folder).</summary>
    public void Save()
    {
        var directory = Directory ?? throw new InvalidOperationException("This chip archive is kept in memory only.");
        System.IO.Directory.CreateDirectory(directory);
        foreach (var chip in _chips.Values)
        {
            chip.Save(Path.Combine(directory, $"chip-{chip.ChipId}.json"));
        }

        File.AppendAllLines(Path.Combine(directory, ReportedFile), _reported.Select(r => JsonSerializer.Serialize(r)));
    }

    /// <summary>Reads <see cref="ReportedFile"/> of <paramref name="directory"/>; none when it is absent.</summary>
    public static IReadOnlyList<ReportedCard> ReadReported(string directory)
    {
        var path = Path.Combine(directory, ReportedFile);
        return File.Exists(path)
            ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ReportedCard>(l)!)]
            : [];
    }

    /// <summary>One answer of the gateway: <paramref name="Outcome"/> <c>active</c> (written to the chip), <c>removing</c> (a removal begun) or <c>removed</c> (off it).</summary>
    public sealed record ReportedCard(string ChipId, string CardId, string SessionId, string Outcome = ReportedCard.ActiveOutcome)
    {
        public const string ActiveOutcome = "active";

        public const string RemovedOutcome = "removed";

        /// <summary>A removal begun and not seen verified (e.g. its final relay cut off): the chip may or may not hold the card.</summary>
        public const string RemovingOutcome = "removing";
    }
}
