using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Hosting;

/// <summary>
/// Outside the Development environment a process refuses to start while a secret it uses is missing or is one of
/// the development values published in this repository (docs/operations.md, "Development defaults").
/// </summary>
public static class DevelopmentSecrets
{
    public const string AdminKey = "WalletGateway:Admin:ApiKey";
    public const string MasterKey = "WalletGateway:SecureElement:MasterKey";
    public const string DeviceTokenKey = "WalletGateway:Devices:TokenKey";
    public const string AuditChainKey = "WalletGateway:Audit:ChainKey";
    public const string IssuerSecretsKey = "WalletGateway:Secrets:Key";

    /// <summary>Stands for the <c>Password</c> of every issuer configured under <c>WalletGateway:Issuers</c>.</summary>
    public const string IssuerPasswords = "WalletGateway:Issuers:*:Password";

    /// <summary>Stands for the <c>ApiKey</c> of every configured issuer that has one (optional: an operator may issue it instead).</summary>
    public const string IssuerApiKeys = "WalletGateway:Issuers:*:ApiKey";

    /// <summary>The development keys of the simulator's issuers for the issuer API (appsettings.Development.json).</summary>
    public const string DemoCardIssuerApiKey = "demo-card.demo-card-dev-api-key";

    public const string SampleBankIssuerApiKey = "sample-bank.sample-bank-dev-api-key";

    /// <summary>What a process with operator endpoints (the /admin API, the dashboard) needs.</summary>
    public static readonly string[] OperatorSettings = [AdminKey];

    /// <summary>What a silo needs: the cards' key material, the issuers' credentials and the keys of what it stores.</summary>
    public static readonly string[] SiloSettings = [MasterKey, IssuerPasswords, IssuerApiKeys, AuditChainKey, IssuerSecretsKey];

    /// <summary>What a frontend needs beside the operator key: the key that signs device tokens.</summary>
    public static readonly string[] FrontendSettings = [AdminKey, DeviceTokenKey];

    private static readonly HashSet<string> Published = new(StringComparer.OrdinalIgnoreCase)
    {
        "dev-admin-key",
        "404142434445464748494A4B4C4D4E4F",
        "dev-device-token-key-0123456789abcdef",
        "demo-card-dev-secret",
        "sample-bank-dev-secret",
        DemoCardIssuerApiKey,
        SampleBankIssuerApiKey,
        AuditOptions.DevelopmentChainKey,
        IssuerSecretsOptions.DevelopmentKey,
    };

    /// <exception cref="InsecureConfigurationException">not Development, and one of <paramref name="settings"/> is missing or published.</exception>
    public static void EnsureNoneOutsideDevelopment(IHostApplicationBuilder builder, IEnumerable<string> settings)
    {
        if (builder.Environment.IsDevelopment())
        {
            return;
        }

        foreach (var setting in settings.SelectMany(s => Expand(builder.Configuration, s)))
        {
            var value = builder.Configuration[setting];
            if (string.IsNullOrWhiteSpace(value) || Published.Contains(value.Trim()))
            {
                throw new InsecureConfigurationException(
                    $"{setting} is missing or a development value published in this repository; environment " +
                    $"'{builder.Environment.EnvironmentName}' needs a secret of its own (only Development accepts the development defaults).");
            }
        }
    }

    private static IEnumerable<string> Expand(IConfiguration configuration, string setting) => setting switch
    {
        IssuerPasswords => configuration.GetSection("WalletGateway:Issuers").GetChildren().Select(issuer => issuer.Path + ":Password"),
        IssuerApiKeys => configuration.GetSection("WalletGateway:Issuers").GetChildren()
            .Where(issuer => !string.IsNullOrWhiteSpace(issuer["ApiKey"])).Select(issuer => issuer.Path + ":ApiKey"),
        _ => [setting],
    };
}
