namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Builds the issuer simulator. Each call makes an independent application with its own
/// state, so tests may run several in one process.
/// </summary>
public static class IssuerSimulatorApp
{
    /// <summary>The address served when neither <c>--urls</c> nor other configuration names one.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5090";

    /// <summary>
    /// Builds the application with every endpoint mapped, from <paramref name="args"/> and the
    /// usual configuration sources; e.g. <c>Create(["--urls", "http://127.0.0.1:0"])</c> then
    /// <c>StartAsync</c> and read the bound address from <c>app.Urls</c>.
    /// </summary>
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (!HasConfiguredAddress(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.AddIssuerSimulator();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<IssuerGateMiddleware>();

        app.MapOpenApi();
        app.MapGet("/healthz", () => TypedResults.Text("alive")).WithName("Alive").ExcludeFromDescription();
        app.MapHealthChecks("/readyz").ExcludeFromDescription();
        app.MapIssuerApi();
        app.MapLegacyIssuerApi();
        app.MapAdminApi();

        return app;
    }

    private static bool HasConfiguredAddress(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpPortsKey])
        || !string.IsNullOrEmpty(configuration[WebHostDefaults.HttpsPortsKey])
        || configuration.GetSection("Kestrel:Endpoints").Exists();
}
