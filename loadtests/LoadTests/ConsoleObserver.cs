using Spectre.Console;

namespace WalletGateway.LoadTests;

/// <summary>
/// Live progress: a Spectre.Console table redrawn every tick on an interactive terminal; plain lines
/// (every <see cref="PlainEvery"/>) when the output is redirected, e.g. in CI logs.
/// </summary>
public sealed class ConsoleObserver : ICampaignObserver
{
    private static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(5);
    private readonly IAnsiConsole _console;
    private LiveDisplayContext? _live;
    private string _phase = "";
    private double _lastPlain = double.NegativeInfinity;

    public ConsoleObserver(IAnsiConsole? console = null, bool forcePlain = false)
    {
        _console = console ?? AnsiConsole.Console;
        Interactive = !forcePlain && !Console.IsOutputRedirected && _console.Profile.Capabilities.Interactive;
    }

    public bool Interactive { get; }

    /// <summary>Runs <paramref name="body"/> inside a live display when interactive, directly otherwise.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> body)
    {
        if (!Interactive)
        {
            return await body();
        }

        T result = default!;
        await _console.Live(new Text("starting…")).AutoClear(false).StartAsync(async ctx =>
        {
            _live = ctx;
            result = await body();
        });
        _live = null;
        return result;
    }

    public void OnPhase(string message)
    {
        _phase = message;
        if (_live is null)
        {
            Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
        }
        else
        {
            _live.UpdateTarget(new Text(message));
            _live.Refresh();
        }
    }

    public void OnTick(CampaignSnapshot snapshot)
    {
        if (_live is not null)
        {
            _live.UpdateTarget(Table(snapshot));
            _live.Refresh();
            return;
        }

        if (snapshot.ElapsedSeconds - _lastPlain < PlainEvery.TotalSeconds && snapshot.ElapsedSeconds < snapshot.PlannedSeconds)
        {
            return;
        }

        _lastPlain = snapshot.ElapsedSeconds;
        foreach (var s in snapshot.Scenarios)
        {
            // Plain Console: Spectre would wrap redirected output at 80 columns.
            Console.WriteLine(
                $"[{snapshot.ElapsedSeconds,6:0.0}s] {s.Name}: started {s.Started} ok {s.Ok} fail {s.Fail} dropped {s.Dropped} late {s.Late} " +
                $"in-flight {s.InFlight} ok/s {s.OkPerSecondLast:0.#} p99 {s.P99MsLast?.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} ms (total {s.P99MsTotal:0.#} ms) {Statuses(s)}");
        }

        foreach (var b in snapshot.Breaches)
        {
            Console.WriteLine($"  breach: {b.Threshold} on {b.Scenario}/{b.Target} = {b.Shown:0.###}");
        }
    }

    private Table Table(CampaignSnapshot snapshot)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"{_phase} — {snapshot.ElapsedSeconds:0} / {snapshot.PlannedSeconds:0} s")
            .AddColumns("scenario", "started", "ok", "fail", "dropped", "late", "in flight", "ok/s (last s)", "p99 ms (last s)", "p99 ms (all)", "status");
        foreach (var s in snapshot.Scenarios)
        {
            table.AddRow(
                Markup.Escape(s.Name), s.Started.ToString(), s.Ok.ToString(), Color(s.Fail, "red"), Color(s.Dropped, "yellow"), Color(s.Late, "yellow"),
                s.InFlight.ToString(), s.OkPerSecondLast.ToString("0.#"), s.P99MsLast?.ToString("0.#") ?? "-", s.P99MsTotal.ToString("0.#"),
                Markup.Escape(Statuses(s)));
        }

        if (snapshot.Breaches.Count > 0)
        {
            table.Caption("[red]breached: " + Markup.Escape(string.Join("; ", snapshot.Breaches.Select(b => $"{b.Threshold} ({b.Scenario}/{b.Target} = {b.Shown:0.###})")) + "[/]"));
        }

        return table;
    }

    private static string Color(long n, string color) => n == 0 ? "0" : $"[{color}]{n}[/]";

    private static string Statuses(LiveScenario s) =>
        string.Join(" ", s.Statuses.OrderByDescending(c => c.Value).Take(6).Select(c => $"{c.Key}={c.Value}"));
}
