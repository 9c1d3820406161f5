using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace WalletGateway.Hosting;

/// <summary>How the operator-key scheme answers a missing or wrong key (after the 401 status and <c>WWW-Authenticate</c>).</summary>
public sealed class OperatorKeySchemeOptions : AuthenticationSchemeOptions
{
    /// <summary>Writes the refusal's body; none when null.</summary>
    public Func<HttpContext, Task>? OnChallenge { get; set; }
}
