using Microsoft.Extensions.Hosting;
using WalletGateway.Silo;

// A silo on its own, for a cluster of separate silo and frontend processes.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
try
{
    await builder.AddWalletGatewaySiloAsync();
}
catch (StorageUnreachableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

await builder.Build().RunAsync();
return 0;
