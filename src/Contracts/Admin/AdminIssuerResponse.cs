using System.Text.Json.Serialization;

namespace WalletGateway.Contracts.Admin;

/// <summary>An issuer as the operator API shows it: settings, limits and this silo's live budget; never the secret.</summary>
/// <param name="Live">This silo's live budget; <c>null</c> (written, not omitted) until this silo has called the issuer once.</param>
public sealed record AdminIssuerResponse(
    string IssuerId, string DisplayName, string Protocol, string BaseUrl, string Username, bool Enabled, string Source,
    AdminIssuerLimits Limits,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] AdminIssuerLive? Live);
