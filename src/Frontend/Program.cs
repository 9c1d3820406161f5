using WalletGateway.Frontend.Extensions;
using WalletGateway.Silo;

try
{
    var app = await GatewayApp.CreateAsync(args);
    await app.RunAsync();
    return 0;
}
catch (StorageUnreachableException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

/// <summary>Entry point, visible to the HTTP tests.</summary>
public partial class Program;
