using Orleans.Placement;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Operator writes only (rare): one activation is fine here. Silos read it through their
/// <see cref="IssuerDirectory"/> copy, never per request. Passwords are encrypted in its state and in the
/// snapshots it hands out (<see cref="IssuerSecretProtector"/>); only a directory decrypts them.
/// </summary>
// One activation for operator writes and silos' snapshot reads: where does not matter, so the key decides (docs/architecture.md#placement).
[HashBasedPlacement]
public sealed partial class IssuerRegistryGrain(
    [PersistentState("issuers", StorageNames.Durable)] IPersistentState<IssuerRegistryState> registry,
    IOptionsMonitor<IssuerDirectoryOptions> configured,
    IssuerDirectory directory,
    IssuerSecretProtector secrets,
    StorageMetrics metrics,
    ILogger<IssuerRegistryGrain> logger) : Grain, IIssuerRegistryGrain
{
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Entries stored with a clear password (before passwords were encrypted) are encrypted now, in one write.
        var clear = registry.State.Issuers.Where(p => !IssuerSecretProtector.IsProtected(p.Value)).ToList();
        if (clear.Count == 0)
        {
            return;
        }

        foreach (var (issuerId, settings) in clear)
        {
            registry.State.Issuers[issuerId] = secrets.Protect(issuerId, settings);
        }

        registry.State.Version++;
        await this.WriteDurablyAsync(registry, metrics);
        LogEncrypted(logger, clear.Count);
    }

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
        var current = registry.State.Issuers.TryGetValue(issuerId, out var stored) ? Decrypted(issuerId, stored, change)
            : configured.CurrentValue.Issuers.TryGetValue(issuerId, out var fromConfiguration) ? IssuerSettingsMapping.FromOptions(fromConfiguration)
            : throw new GatewayException(GatewayError.IssuerNotFound, $"No issuer '{issuerId}'.");
        var changed = IssuerSettingsMapping.Apply(current, change);
        IssuerSettingsMapping.EnsureValid(issuerId, changed);
        IssuerSettingsMapping.EnsureCredentialStays(current, change);
        await SaveAsync(issuerId, changed, "changed");
    }

    public Task<IssuerRegistrySnapshot?> GetSnapshotAsync(long knownVersion) =>
        Task.FromResult(registry.State.Version == knownVersion ? null : Snapshot());

    /// <summary>The stored settings in clear; a password that does not decrypt is fine when the change replaces it and says where it goes.</summary>
    private IssuerSettings Decrypted(string issuerId, IssuerSettings stored, IssuerChange change)
    {
        try
        {
            return secrets.Unprotect(issuerId, stored);
        }
        catch (CryptographicException) when (change is { Password: { } replacement, BaseUrl: not null, Username: not null })
        {
            return stored with { Password = replacement };
        }
        catch (CryptographicException)
        {
            throw new GatewayException(GatewayError.InvalidRequest,
                $"The stored password of issuer '{issuerId}' does not decrypt under WalletGateway:Secrets:Key (another key, or the entry was " +
                "altered in storage): send password, baseUrl and username with this change.");
        }
    }

    private async Task SaveAsync(string issuerId, IssuerSettings settings, string what)
    {
        registry.State.Issuers[issuerId] = secrets.Protect(issuerId, settings);
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

    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Encrypted the stored passwords of {Count} operator-managed issuers")]
    private static partial void LogEncrypted(ILogger logger, int count);
}
