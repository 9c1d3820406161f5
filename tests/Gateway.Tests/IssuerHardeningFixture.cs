using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A gateway that records every log line, with issuers that misbehave on purpose: <c>wrong-password-json</c> and
/// <c>wrong-password-legacy</c> (the simulator's demo-card and sample-bank with a wrong gateway password),
/// <c>slow-card</c> (demo-card with a 300 ms timeout), and small authentication budgets (3 failures per session,
/// 5 per device).
/// </summary>
public sealed class IssuerHardeningFixture : GatewayFixture
{
    public const string WrongPasswordJson = "wrong-password-json";
    public const string WrongPasswordLegacy = "wrong-password-legacy";
    public const string SlowCard = "slow-card";
    public const int FailuresPerSession = 3;
    public const int FailuresPerDevice = 5;

    public LogRecorder Logs { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        Issuer(settings, WrongPasswordJson, "Json", "demo-card", "not-the-demo-card-password");
        Issuer(settings, WrongPasswordLegacy, "Legacy", "sample-bank", "not-the-sample-bank-password");
        Issuer(settings, SlowCard, "Json", "demo-card", "demo-card-dev-secret");
        settings[$"WalletGateway:Issuers:{SlowCard}:Timeout"] = "00:00:00.300";
        settings["WalletGateway:DeviceLimits:MaxFailedAuthenticationsPerSession"] = FailuresPerSession.ToString();
        settings["WalletGateway:DeviceLimits:MaxFailedAuthenticationsPerDevice"] = FailuresPerDevice.ToString();
    }

    protected override void ConfigureGateway(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(Logs);
        builder.Logging.AddFilter<LogRecorder>(category: null, LogLevel.Trace);
    }

    /// <summary>What the simulated issuer saw (requests, failed authentications, bad credentials).</summary>
    public async Task<JsonElement> IssuerStatsAsync(string simulatorIssuerId) =>
        (await Simulator.GetFromJsonAsync<JsonElement>("admin/stats")).GetProperty("issuers").GetProperty(simulatorIssuerId);

    private void Issuer(IDictionary<string, string?> settings, string id, string protocol, string simulatorIssuer, string password)
    {
        var at = $"WalletGateway:Issuers:{id}:";
        settings[at + "DisplayName"] = id;
        settings[at + "Protocol"] = protocol;
        settings[at + "BaseUrl"] = new Uri(SimulatorUri, $"issuers/{simulatorIssuer}/").ToString();
        settings[at + "Username"] = "walletgateway";
        settings[at + "Password"] = password;
    }
}

[CollectionDefinition(Name)]
public sealed class IssuerHardeningCollection : ICollectionFixture<IssuerHardeningFixture>
{
    public const string Name = "issuer-hardening";
}
