using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using WalletGateway.Frontend.Apis;
using WalletGateway.Frontend.Limits;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Hosting;

namespace WalletGateway.Frontend.Hosting;

/// <summary>Builds the gateway's web host: the /v1 API on a co-hosted silo (default) or as a client of a silo cluster.</summary>
public static class GatewayApp
{
    /// <summary>64 KiB: far above any legitimate step, small enough to refuse a flood of bytes (413).</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    private const string ServiceName = "walletgateway-frontend";

    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        DevelopmentSecrets.EnsureNoneOutsideDevelopment(builder, DevelopmentSecrets.FrontendSettings);

        // Before the silo or client: the storage probe makes the process's first Azure client.
        builder.AddWalletGatewayTracing(ServiceName);
        var mode = builder.Configuration["Gateway:Mode"] ?? "CoHosted";
        if (string.Equals(mode, "Client", StringComparison.OrdinalIgnoreCase))
        {
            await builder.AddWalletGatewayClientAsync();
            builder.Services.AddSingleton(sp => new SessionIdMinter(sp.GetRequiredService<IGrainFactory>(), sp.GetRequiredService<IOptions<ClientMessagingOptions>>()));
            builder.Services.AddSingleton<GatewayBucketProbe>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayBucketProbe>());
        }
        else if (string.Equals(mode, "CoHosted", StringComparison.OrdinalIgnoreCase))
        {
            await builder.AddWalletGatewaySiloAsync();
            builder.Services.AddSingleton(sp => new SessionIdMinter(sp.GetRequiredService<IGrainFactory>(), clientMessaging: null));
        }
        else
        {
            throw new InvalidOperationException("Gateway:Mode must be 'CoHosted' (silo in this process) or 'Client' (separate silo cluster).");
        }

        builder.AddOperationsListener();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            // Kestrel's own limit answers with an empty 431; keep it far above the edge check, which answers problem+json.
            kestrel.Limits.MaxRequestHeadersTotalSize = 256 * 1024;
        });
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            // "seq": "0" is a string, not a number: refuse it (the web defaults would read it).
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemWriter.Customize);
        builder.Services.AddExceptionHandler<GatewayExceptionHandler>();
        builder.Services.AddEdgeLimits();
        builder.Services.AddDeviceTokenAuthentication();
        builder.Services.AddAdminApi();
        builder.Services.AddIssuerCardsApi();
        builder.Services.AddOpenApi();
        builder.Services.AddHealthChecks().AddCheck<ClusterReadyCheck>("cluster", tags: ["ready"]);
        builder.AddWalletGatewayTelemetry(ServiceName);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages(context => ProblemWriter.WriteAsync(context.HttpContext, new ProblemDetails { Status = context.HttpContext.Response.StatusCode }).AsTask());
        app.UseEdgeLimits();
        app.UseOperationsPort();
        // After the edge limits: a shed or rate-limited request costs no token check.
        app.UseAuthentication();
        app.UseAuthorization();

        // Only the terminals' document here; the operator API's is served under /admin, behind its key.
        app.MapOpenApi("/openapi/{documentName:regex(^v1$)}.json");
        app.MapWalletGatewayOperations();
        app.MapDevicesApi();
        app.MapIssuersApi();
        app.MapSessionsApi();
        app.MapCardsApi();
        app.MapAdminApi();
        app.MapIssuerCardsApi();
        return app;
    }
}
