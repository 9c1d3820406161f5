using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace WalletGateway.Hosting;

/// <summary>
/// Counts every log line written at an enabled level (<c>walletgateway.log.lines</c>, by level and by category up to its
/// second dot, e.g. <c>WalletGateway.Grains</c>): what logging costs per card shows beside the card rate.
/// </summary>
[ProviderAlias("LineCounter")]
public sealed class LogLineCounter : ILoggerProvider
{
    public const string MeterName = "WalletGateway.Logging";

    public const string InstrumentName = "walletgateway.log.lines";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Lines = Meter.CreateCounter<long>(InstrumentName, "{line}", "Log lines written at an enabled level.");

    private readonly ConcurrentDictionary<string, Logger> _loggers = new(StringComparer.Ordinal);

    public ILogger CreateLogger(string categoryName) => _loggers.GetOrAdd(categoryName, static c => new Logger(CategoryPrefix(c)));

    public void Dispose()
    {
    }

    /// <summary>The category up to (without) its second dot: <c>A.B.C.D</c> → <c>A.B</c>.</summary>
    public static string CategoryPrefix(string category)
    {
        var first = category.IndexOf('.');
        var second = first < 0 ? -1 : category.IndexOf('.', first + 1);
        return second < 0 ? category : category[..second];
    }

    private sealed class Logger(string prefix) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // The logger factory has already applied the configured minimum levels: whatever reaches Log is a line.
        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel != LogLevel.None && Lines.Enabled)
            {
                Lines.Add(1, new TagList { { "level", logLevel.ToString() }, { "category", prefix } });
            }
        }
    }
}
