using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Operator writes only (rare): one activation is fine here. Silos read it through their
/// <see cref="IssuerDirectory"/> copy, never per request.
/// </summary>
public sealed partial class IssuerRegistryGrain(
    [PersistentState("issuers", StorageNames.Durable)] IPersistentState<IssuerRegistryState> registry,
    IOptionsMonitor<IssuerDirectoryOptions> configured,
    IssuerDirectory directory,
    StorageMetrics metrics,
    ILogger<IssuerRegistryGrain> logger) : Grain, IIssuerRegistryGrain
{
    public async Task AddAsync(string issuerId, IssuerSettings settings)
    {
        if (registry.State.Issuers.ContainsKey(issuerId) || configured.CurrentValue.Issuers.ContainsKey(issuerId))
        {
            throw new GatewayException(GatewayError.IssuerExists, $"Issuer '{issuerId}' already exists; change it with PATCH.");
        }

        IssuerSettingsMapping.EnsureValid(issuerId, settings);
        await SaveAsync(issuerId, settings, "added");
    }

    public async Task ChangeAsync(string issuerId, IssuerChange change)
    {
        var current = registry.State.Issuers.TryGetValue(issuerId, out var stored) ? stored
            : configured.CurrentValue.Issuers.TryGetValue(issuerId, out var fromConfiguration) ? IssuerSettingsMapping.FromOptions(fromConfiguration)
            : throw new GatewayException(GatewayError.IssuerNotFound, $"No issuer '{issuerId}'.");
        var changed = IssuerSettingsMapping.Apply(current, change);
        IssuerSettingsMapping.EnsureValid(issuerId, changed);
        await SaveAsync(issuerId, changed, "changed");
    }

    public Task<IssuerRegistrySnapshot?> GetSnapshotAsync(long knownVersion) =>
        Task.FromResult(registry.State.Version == knownVersion ? null : Snapshot());

    private async Task SaveAsync(string issuerId, IssuerSettings settings, string what)
    {
        registry.State.Issuers[issuerId] = settings;
        registry.State.Version++;
        await this.WriteDurablyAsync(registry, metrics);
        // This silo sees the change at once; the others on their next refresh or lookup of an unknown id.
        directory.Apply(Snapshot());
        LogChanged(logger, issuerId, what, settings.Protocol, settings.Enabled);
    }

    private IssuerRegistrySnapshot Snapshot() =>
        new(registry.State.Version, new Dictionary<string, IssuerSettings>(registry.State.Issuers, StringComparer.Ordinal));

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Issuer {IssuerId} {What} by an operator (protocol {Protocol}, enabled {Enabled})")]
    private static partial void LogChanged(ILogger logger, string issuerId, string what, string protocol, bool enabled);
}
