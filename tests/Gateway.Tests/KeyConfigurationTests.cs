using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using WalletGateway.Frontend.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>The keys that protect what is in storage: a missing or malformed one stops the start with a message naming it.</summary>
[Collection(GatewayCollection.Name)]
public sealed class KeyConfigurationTests(GatewayFixture fixture)
{
    [Theory]
    [InlineData("WalletGateway:Secrets:Key", "")]
    [InlineData("WalletGateway:Secrets:Key", "not-a-hex-key")]
    [InlineData("WalletGateway:Audit:ChainKey", "")]
    [InlineData("WalletGateway:Audit:ChainKey", "0011223344556677")]
    public async Task Startup_KeyMissingOrMalformed_FailsNamingTheKey(string key, string value)
    {
        var settings = new Dictionary<string, string?>(fixture.LastSettings) { [key] = value };
        await using var app = await GatewayApp.CreateAsync(GatewayFixture.DevelopmentArgs, builder => builder.Configuration.AddInMemoryCollection(settings));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(key, error.Message);
        Assert.DoesNotContain(value.Length > 0 ? value : "\u0000", error.Message);
    }
}
