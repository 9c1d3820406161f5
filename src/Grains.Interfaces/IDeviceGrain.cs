using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// A registered wallet app installation. Key: the device id (32 lower-case hex digits).
/// Durable: the registration, the current token generation and whether the operator revoked the device; the token
/// itself is never stored (the frontend signs and checks it, see <see cref="Models.DeviceToken"/>).
/// </summary>
[Alias("WalletGateway.IDeviceGrain")]
public interface IDeviceGrain : IGrainWithStringKey
{
    /// <summary>Registers the device once and returns the generation its token is signed for; a second call is refused.</summary>
    [Alias("RegisterAsync")]
    Task<int> RegisterAsync(string model, string osVersion);

    /// <summary>True when this device is registered, not revoked, and <paramref name="generation"/> is its current token generation.</summary>
    [Alias("IsGenerationCurrentAsync")]
    Task<bool> IsGenerationCurrentAsync(int generation);

    /// <summary>
    /// Counts a session open against the device's budget (opens per minute, sessions at once).
    /// Throws <see cref="Models.GatewayException"/> (<see cref="Models.GatewayError.RateLimited"/>) when over it.
    /// </summary>
    [Alias("BeginSessionAsync")]
    Task BeginSessionAsync(Guid sessionId, DateTimeOffset until);

    /// <summary>The session ended: it no longer counts as open.</summary>
    [Alias("EndSessionAsync")]
    Task EndSessionAsync(Guid sessionId);

    /// <summary>
    /// The operator revokes the device: every token of it is refused from now on, and no new session of it begins.
    /// Returns the device as revoked, with the sessions open at that moment, which the caller ends
    /// (<see cref="ITerminalSessionGrain.EndForRevokedDeviceAsync"/>); <see langword="null"/> when no such device was registered.
    /// </summary>
    [Alias("RevokeAsync")]
    Task<DeviceOverview?> RevokeAsync();

    /// <summary>The registration and the sessions open now (for an operator); <see langword="null"/> when no such device was registered.</summary>
    [Alias("GetOverviewAsync")]
    Task<DeviceOverview?> GetOverviewAsync();
}
