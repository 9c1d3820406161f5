using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Silo;

// A silo on its own, for a cluster of separate silo and frontend processes. Its small web host serves
// /healthz, /readyz, /metrics and /dashboard only (Urls, default http://127.0.0.1:5180).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    await builder.AddWalletGatewaySiloAsync();
}
catch (StorageUnreachableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

builder.AddWalletGatewayTelemetry("walletgateway-silo");
builder.Services.AddHealthChecks().AddCheck<SiloReadyCheck>("silo", tags: ["ready"]);
var app = builder.Build();
app.MapWalletGatewayOperations();
await app.RunAsync();
return 0;
