using WalletGateway.LoadTests.Invariants;

namespace WalletGateway.LoadTests.Runner;

internal static partial class Commands
{
    /// <summary>
    /// <c>loadrunner invariants --chips DIR [--gateway URL] [--api-key KEY] [--wait-leases DUR]</c>: exit 0 when every
    /// invariant holds, 1 otherwise. With --wait-leases it checks again until no lease is running and no violation is left
    /// (bounded by DUR): a lease lost with its silo settles only when it runs out.
    /// </summary>
    public static async Task<int> InvariantsAsync(IReadOnlyList<string> args, CancellationToken ct)
    {
        string? chips = null;
        var gateway = "http://127.0.0.1:5080/";
        var gatewayGiven = false;
        var apiKey = "dev-admin-key";
        var waitLeases = TimeSpan.Zero;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--chips": chips = ++i < args.Count ? args[i] : null; break;
                case "--gateway": gateway = Gateways.Add(gateway, ++i < args.Count ? args[i] : throw new FormatException("--gateway needs a URL."), ref gatewayGiven); break;
                case "--api-key": apiKey = ++i < args.Count ? args[i] : apiKey; break;
                case "--wait-leases": waitLeases = Durations.Parse(++i < args.Count ? args[i] : "0s"); break;
                default: throw new FormatException($"Unknown option '{args[i]}' for invariants.");
            }
        }

        if (chips is null || !Directory.Exists(chips))
        {
            throw new FormatException("invariants needs --chips DIR (a folder written by run --save-chips).");
        }

        // The durable records read the same through every frontend of the cluster: the first one listed answers.
        using var http = new HttpClient { BaseAddress = Gateways.Parse(gateway)[0], Timeout = TimeSpan.FromSeconds(30) };
        var checker = new InvariantChecker(http, apiKey);
        var deadline = DateTimeOffset.UtcNow + waitLeases;
        // A card answered in the campaign's last second may not be in its chip's index yet: that settles within seconds.
        var report = await checker.CheckSettledAsync(chips, InvariantChecker.IndexSettle,
            early => Say($"{early.Violations.Count} violation(s) for now, the chip index may still be settling; checking again in 1 s"), ct);
        // A card whose lease has not been settled yet (its silo died) is on its chip but in no chip index row until its
        // lease ends: what looks like a violation may still settle, so the wait goes on until none is left.
        while ((report.LeasesRunning > 0 || report.Violations.Count > 0) && DateTimeOffset.UtcNow < deadline)
        {
            Say($"{report.LeasesRunning} lease(s) still running, {report.Violations.Count} violation(s) for now; checking again in 5 s");
            await Task.Delay(TimeSpan.FromSeconds(5), ct);
            report = await checker.CheckAsync(chips, ct);
        }

        Say("invariants: " + report);
        foreach (var violation in report.Violations.Take(50))
        {
            Say("  VIOLATION " + violation);
        }

        return report.Violations.Count == 0 ? 0 : 1;
    }
}
