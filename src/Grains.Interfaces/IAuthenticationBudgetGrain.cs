namespace WalletGateway.Grains.Interfaces;

/// <summary>
/// Refused member authentications of one device (key: the device id), counted per session and per device whatever
/// member ids they name, so one device can neither guess access codes across members nor fill an issuer's budget.
/// </summary>
[Alias("WalletGateway.IAuthenticationBudgetGrain")]
public interface IAuthenticationBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Throws <see cref="Models.GatewayException"/> (<see cref="Models.GatewayError.RateLimited"/>, with a retry time)
    /// when the session or the device has used its refused attempts.
    /// </summary>
    [Alias("EnsureAttemptAllowedAsync")]
    Task EnsureAttemptAllowedAsync(Guid sessionId);

    /// <summary>Counts an access code the issuer refused (wrong, used, or for a member it does not know).</summary>
    [Alias("RecordRefusedAsync")]
    Task RecordRefusedAsync(Guid sessionId);
}
