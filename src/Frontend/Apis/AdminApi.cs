namespace WalletGateway.Frontend.Apis;

/// <summary>The operator API under <c>/admin</c>: issuers, cards, sessions. Every call needs the operator API key.</summary>
public static class AdminApi
{
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // Not in the public OpenAPI document terminals can read: the operator surface is described in the README.
        var admin = app.MapGroup("/admin").WithTags("Admin").AddEndpointFilter<AdminApiKeyFilter>().ExcludeFromDescription();
        admin.MapAdminIssuers();
        admin.MapAdminCards();
        admin.MapAdminSessions();
        return app;
    }

    /// <summary>The operator named in <c>X-Operator</c>, if any (letters, digits, <c>.-_@</c>, at most 64).</summary>
    public static string? OperatorOf(HttpContext http)
    {
        var name = http.Request.Headers[AdminOptions.OperatorHeader].ToString();
        return name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@') ? name : null;
    }
}
