using Orleans.Placement;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// Checks an issuer's API key against the hash an operator issued, or else the key configured for the issuer
/// (development defaults: docs/operations.md). Hashes are compared in fixed time.
/// </summary>
// One activation per issuer, asked by every frontend on each issuer API call: where does not matter, so the key decides (docs/architecture.md#placement).
[HashBasedPlacement]
public sealed partial class IssuerApiKeyGrain(
    [PersistentState("issuer-api-key", StorageNames.Durable)] IPersistentState<IssuerApiKeyState> key,
    IOptionsMonitor<IssuerDirectoryOptions> configured,
    GatewayClock clock,
    StorageMetrics metrics,
    ILogger<IssuerApiKeyGrain> logger) : Grain, IIssuerApiKeyGrain
{
    private string IssuerId => this.GetPrimaryKeyString();

    public Task<bool> VerifyAsync(byte[] keyHash)
    {
        var expected = key.State switch
        {
            { KeyHash: { } issued } => issued,
            { Revoked: true } => null,
            _ => configured.CurrentValue.Issuers.TryGetValue(IssuerId, out var issuer) && !string.IsNullOrEmpty(issuer.ApiKey)
                ? SHA256.HashData(Encoding.UTF8.GetBytes(issuer.ApiKey))
                : null,
        };
        return Task.FromResult(expected is not null && CryptographicOperations.FixedTimeEquals(expected, keyHash));
    }

    public async Task<DateTimeOffset> SetAsync(byte[] keyHash)
    {
        if (keyHash.Length != SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("Expected a SHA-256 hash.", nameof(keyHash));
        }

        key.State.KeyHash = keyHash;
        key.State.SetAt = clock.UtcNow;
        key.State.Revoked = false;
        await this.WriteDurablyAsync(key, metrics);
        LogChanged(logger, IssuerId, "issued");
        return key.State.SetAt.Value;
    }

    public async Task RevokeAsync()
    {
        key.State.KeyHash = null;
        key.State.SetAt = clock.UtcNow;
        key.State.Revoked = true;
        await this.WriteDurablyAsync(key, metrics);
        LogChanged(logger, IssuerId, "revoked");
    }

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Issuer {IssuerId}: API key {What} by an operator")]
    private static partial void LogChanged(ILogger logger, string issuerId, string what);
}
