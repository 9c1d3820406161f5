using WalletGateway.Frontend.Hosting;
using WalletGateway.Hosting;

return await GatewayProcess.RunAsync(async () => await (await GatewayApp.CreateAsync(args)).RunAsync());

/// <summary>Entry point, visible to the HTTP tests.</summary>
public partial class Program;
