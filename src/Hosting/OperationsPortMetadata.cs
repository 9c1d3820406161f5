namespace WalletGateway.Hosting;

/// <summary>Marks an endpoint served only on the operations port (<see cref="OperationsOptions.Port"/>).</summary>
public sealed class OperationsPortMetadata;
