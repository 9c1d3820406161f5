namespace WalletGateway.Frontend.Limits;

/// <summary>Marks a route that accepts only clients from <see cref="EdgeOptions.TrustedNetworks"/>.</summary>
internal sealed class TrustedNetworkMetadata;
