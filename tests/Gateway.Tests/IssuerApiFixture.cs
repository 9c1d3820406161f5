using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WalletGateway.Frontend.Security;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// An operator fixture whose issuer API allows a burst of <see cref="Burst"/> requests per key then one a second, and
/// whose every log line is kept in <see cref="Logs"/>.
/// </summary>
public sealed class IssuerApiFixture : OperatorFixture
{
    public const int Burst = 10;

    public LogRecorder Logs { get; } = new();

    protected override void Configure(IDictionary<string, string?> settings)
    {
        base.Configure(settings);
        settings["WalletGateway:IssuerApi:Burst"] = Burst.ToString();
        settings["WalletGateway:IssuerApi:RequestsPerSecond"] = "1";
    }

    protected override void ConfigureGateway(WebApplicationBuilder builder)
    {
        builder.Logging.AddProvider(Logs);
        builder.Logging.AddFilter<LogRecorder>(category: null, LogLevel.Trace);
    }

    /// <summary>Issues a new key for <paramref name="issuerId"/> through the operator API (the old one is refused from then on).</summary>
    public async Task<string> IssueKeyAsync(string issuerId)
    {
        var (status, body, text) = await AdminAsync(HttpMethod.Post, $"admin/issuers/{issuerId}/api-key");
        Assert.True(status == 200, text);
        return body.GetProperty("apiKey").GetString()!;
    }

    /// <summary>An issuer API call with <paramref name="key"/> in <c>X-Issuer-Key</c> (none when null), to <paramref name="via"/> or the gateway.</summary>
    public Task<Reply> IssuerAsync(HttpMethod method, string path, string? key, object? body = null, HttpClient? via = null) =>
        SendAsync(method, path, body, key is null ? [] : [(IssuerKeyAuthentication.Header, key)], via);
}

[CollectionDefinition(Name)]
public sealed class IssuerApiCollection : ICollectionFixture<IssuerApiFixture>
{
    public const string Name = "issuer-api";
}
