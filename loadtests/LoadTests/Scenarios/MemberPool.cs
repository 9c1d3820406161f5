using System.Collections.Concurrent;
using System.Net.Http.Json;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>Members with one-time access codes, fetched in bulk from the simulator before the load starts.</summary>
public sealed class MemberPool
{
    private const int MaxPerCall = 10_000;
    private readonly ConcurrentQueue<Member> _members = new();

    public int Remaining => _members.Count;

    public static int Size(IReadOnlyList<LoadSimulation> plan, long? maxIterations, int? configured)
    {
        if (configured is { } n)
        {
            return n;
        }

        var closedSeconds = plan.Where(s => s.IsClosed).Sum(s => s.During.TotalSeconds);
        // Closed stages have no planned count; assume no copy finishes more than 20 cards a second.
        var estimate = LoadSimulation.PlannedOpenStarts(plan) + (LoadSimulation.PeakCopies(plan) * closedSeconds * 20);
        if (maxIterations is { } max)
        {
            estimate = Math.Min(estimate, max);
        }

        return (int)Math.Min(200_000, Math.Ceiling((estimate * 1.05) + 5));
    }

    public async Task FillAsync(HttpClient simulator, string issuerId, int count, CancellationToken ct)
    {
        for (var left = count; left > 0; left -= MaxPerCall)
        {
            var response = await simulator.PostAsJsonAsync($"admin/issuers/{Uri.EscapeDataString(issuerId)}/members", new { count = Math.Min(left, MaxPerCall) }, ct);
            response.EnsureSuccessStatusCode();
            foreach (var member in await response.Content.ReadFromJsonAsync<Member[]>(ct) ?? [])
            {
                _members.Enqueue(member);
            }
        }
    }

    /// <summary>A fresh member, or a failed iteration (<c>setup:no-member</c>) when the pool ran dry: a card can be written once per member.</summary>
    public Member Take() => _members.TryDequeue(out var member)
        ? member
        : throw new IterationFailedException("setup", "no-member", new InvalidOperationException("The member pool is empty; fetch more with --members."));

    public sealed record Member(string MemberId, string AccessCode);
}
