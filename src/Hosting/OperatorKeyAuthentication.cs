using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WalletGateway.Hosting;

/// <summary>The operator key as a scheme and a policy: endpoints for operators call <c>.RequireAuthorization(Policy)</c>.</summary>
public static class OperatorKeyAuthentication
{
    public const string Scheme = "OperatorKey";

    public const string Policy = "Operator";

    public static IServiceCollection AddOperatorKeyAuthentication(this IServiceCollection services, Func<HttpContext, Task>? onChallenge = null)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication().AddScheme<OperatorKeySchemeOptions, OperatorKeyHandler>(Scheme, o => o.OnChallenge = onChallenge);
        services.AddAuthorizationBuilder().AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser());
        return services;
    }
}
