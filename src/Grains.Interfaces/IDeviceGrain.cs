using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// A registered wallet app installation. Key: the device id (32 lower-case hex digits).
/// Durable: the registration and a SHA-256 hash of the device token; the token itself is never stored.
/// </summary>
[Alias("WalletGateway.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Registers the device once and returns its bearer token; a second call is refused.</summary>
    [Alias("RegisterAsync")]
    Task<DeviceCredentials> RegisterAsync(string model, string osVersion);

    /// <summary>True when <paramref name="tokenSecret"/> is this registered device's token secret.</summary>
    [Alias("IsTokenValidAsync")]
    Task<bool> IsTokenValidAsync(string tokenSecret);

    /// <summary>
    /// Counts a session open against the device's budget (opens per minute, sessions at once).
    /// Throws <see cref="GatewayException"/> (<see cref="GatewayError.RateLimited"/>) when over it.
    /// </summary>
    [Alias("BeginSessionAsync")]
    Task BeginSessionAsync(Guid sessionId, DateTimeOffset until);

    /// <summary>The session ended: it no longer counts as open.</summary>
    [Alias("EndSessionAsync")]
    Task EndSessionAsync(Guid sessionId);
}
