using WalletGateway.IssuerSimulator;

IssuerSimulatorApp.Create(args).Run();
