using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace WalletGateway.Gateway.Tests;

/// <summary>A gateway whose every log line, of every category and level, is kept in <see cref="Logs"/>.</summary>
public sealed class RecordedLogsFixture : GatewayFixture
{
    public LogRecorder Logs { get; } = new();

    protected override void ConfigureGateway(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(Logs);
        // A rule for this provider wins over the category levels of configuration (Warning in tests): it sees Trace.
        builder.Logging.AddFilter<LogRecorder>(category: null, LogLevel.Trace);
    }
}
