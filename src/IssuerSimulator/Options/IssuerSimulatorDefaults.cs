using Microsoft.Extensions.Options;

namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Supplies the documented development issuers when configuration names none, so the
/// simulator also works where its appsettings.json is not beside the host (e.g. in tests
/// of another project).
/// </summary>
internal sealed class IssuerSimulatorDefaults : IPostConfigureOptions<IssuerSimulatorOptions>
{
    public void PostConfigure(string? name, IssuerSimulatorOptions options)
    {
        if (options.Issuers.Count > 0)
        {
            return;
        }

        // Documented development credentials (docs/operations.md, "Development defaults").
        options.Issuers.Add(new IssuerOptions
        {
            Id = "demo-card",
            DisplayName = "Demo Card",
            Username = "walletgateway",
            Password = "demo-card-dev-secret",
            CardPrefix = "499912",
            CardValidityYears = 4,
        });
        options.Issuers.Add(new IssuerOptions
        {
            Id = "sample-bank",
            DisplayName = "Sample Bank",
            Username = "walletgateway",
            Password = "sample-bank-dev-secret",
            CardPrefix = "535310",
            CardValidityYears = 5,
        });
    }
}
