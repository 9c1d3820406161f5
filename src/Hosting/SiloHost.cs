using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace WalletGateway.Hosting;

/// <summary>A silo process on its own: the silo, and a small web host for health, metrics and the dashboard.</summary>
public static class SiloHost
{
    private const string ServiceName = "walletgateway-silo";

    public static Task<int> RunAsync(string[] args) => GatewayProcess.RunAsync(async () =>
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        DevelopmentSecrets.EnsureNoneOutsideDevelopment(builder, DevelopmentSecrets.OperatorSettings);
        builder.AddWalletGatewayTracing(ServiceName);
        await builder.AddWalletGatewaySiloAsync();
        builder.AddOperationsListener();
        builder.Services.AddOperatorKeyAuthentication();
        builder.AddWalletGatewayTelemetry(ServiceName);
        builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: ["ready"]);
        var app = builder.Build();
        app.UseOperationsPort();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWalletGatewayOperations();
        await app.RunAsync();
    });
}
