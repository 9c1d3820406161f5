namespace WalletGateway.Hosting;

/// <summary>A secret setting is missing or a published development value outside Development: the process does not start.</summary>
public sealed class InsecureConfigurationException(string message) : Exception(message);
