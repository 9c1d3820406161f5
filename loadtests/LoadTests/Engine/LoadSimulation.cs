using System.Globalization;

namespace WalletGateway.LoadTests;

/// <summary>The kinds of load shape, as NBomber names them.</summary>
public enum LoadKind
{
    /// <summary>Open model: a fixed number of scenario starts per second, whatever the answers take.</summary>
    Inject,

    /// <summary>Open model: the start rate moves linearly from the previous stage's rate to this one.</summary>
    RampingInject,

    /// <summary>Closed model: a fixed number of copies, each starting again when it finishes.</summary>
    KeepConstant,

    /// <summary>Closed model: the number of copies moves linearly from the previous stage's to this one.</summary>
    RampingConstant,

    /// <summary>No new starts.</summary>
    Pause,
}

/// <summary>One stage of a scenario's load plan, e.g. <c>inject:50/s:30s</c> or <c>keep-constant:8:10s</c>.</summary>
/// <param name="Kind">The shape.</param>
/// <param name="Value">Starts per second (inject kinds) or copies (constant kinds); 0 for pause.</param>
/// <param name="During">How long the stage lasts.</param>
public sealed record LoadSimulation(LoadKind Kind, double Value, TimeSpan During)
{
    public bool IsOpen => Kind is LoadKind.Inject or LoadKind.RampingInject;

    public bool IsClosed => Kind is LoadKind.KeepConstant or LoadKind.RampingConstant;

    public static LoadSimulation Inject(double perSecond, TimeSpan during) => new(LoadKind.Inject, perSecond, during);

    public static LoadSimulation RampingInject(double perSecond, TimeSpan during) => new(LoadKind.RampingInject, perSecond, during);

    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new(LoadKind.KeepConstant, copies, during);

    public static LoadSimulation RampingConstant(int copies, TimeSpan during) => new(LoadKind.RampingConstant, copies, during);

    public static LoadSimulation Pause(TimeSpan during) => new(LoadKind.Pause, 0, during);

    /// <summary>Parses a comma-separated plan: <c>inject:50/s:30s,pause:5s,keep-constant:8:1m</c>.</summary>
    public static IReadOnlyList<LoadSimulation> ParsePlan(string plan) =>
        [.. plan.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Parse)];

    public static LoadSimulation Parse(string text)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        var kind = parts[0].ToLowerInvariant() switch
        {
            "inject" => LoadKind.Inject,
            "ramping-inject" => LoadKind.RampingInject,
            "keep-constant" => LoadKind.KeepConstant,
            "ramping-constant" => LoadKind.RampingConstant,
            "pause" => LoadKind.Pause,
            _ => throw new FormatException($"Unknown load simulation '{parts[0]}' in '{text}' (inject, ramping-inject, keep-constant, ramping-constant, pause)."),
        };
        if (kind == LoadKind.Pause)
        {
            return parts.Length == 2 ? Pause(Durations.Parse(parts[1])) : throw new FormatException($"Expected pause:<duration>, got '{text}'.");
        }

        if (parts.Length != 3)
        {
            throw new FormatException($"Expected {parts[0]}:<value>:<duration>, got '{text}'.");
        }

        var value = double.Parse(parts[1].Replace("/s", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture);
        if (value < 0 || (kind is LoadKind.KeepConstant or LoadKind.RampingConstant && value != Math.Floor(value)))
        {
            throw new FormatException($"'{parts[1]}' is not a valid {(kind is LoadKind.Inject or LoadKind.RampingInject ? "rate" : "copy count")} in '{text}'.");
        }

        return new LoadSimulation(kind, value, Durations.Parse(parts[2]));
    }

    public override string ToString() => Kind switch
    {
        LoadKind.Pause => $"pause:{Durations.Format(During)}",
        LoadKind.Inject => $"inject:{Value.ToString(CultureInfo.InvariantCulture)}/s:{Durations.Format(During)}",
        LoadKind.RampingInject => $"ramping-inject:{Value.ToString(CultureInfo.InvariantCulture)}/s:{Durations.Format(During)}",
        LoadKind.KeepConstant => $"keep-constant:{Value.ToString(CultureInfo.InvariantCulture)}:{Durations.Format(During)}",
        _ => $"ramping-constant:{Value.ToString(CultureInfo.InvariantCulture)}:{Durations.Format(During)}",
    };

    /// <summary>Starts the plan asks for at most (open stages only; closed stages are unbounded).</summary>
    public static double PlannedOpenStarts(IReadOnlyList<LoadSimulation> plan)
    {
        double previousRate = 0, total = 0;
        foreach (var stage in plan)
        {
            var seconds = stage.During.TotalSeconds;
            total += stage.Kind switch
            {
                LoadKind.Inject => stage.Value * seconds,
                LoadKind.RampingInject => (previousRate + stage.Value) / 2 * seconds,
                _ => 0,
            };
            previousRate = stage.IsOpen ? stage.Value : 0;
        }

        return total;
    }

    public static double PeakRate(IReadOnlyList<LoadSimulation> plan) =>
        plan.Where(s => s.IsOpen).Select(s => s.Value).DefaultIfEmpty(0).Max();

    public static int PeakCopies(IReadOnlyList<LoadSimulation> plan) =>
        (int)plan.Where(s => s.IsClosed).Select(s => s.Value).DefaultIfEmpty(0).Max();

    public static TimeSpan TotalDuration(IReadOnlyList<LoadSimulation> plan) =>
        plan.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.During);
}
