using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>The operator API under <c>/admin</c>: issuers, cards, sessions. Every call needs the operator API key.</summary>
public static class AdminApi
{
    /// <summary>The operator API's OpenAPI document, served at <c>/admin/openapi/admin.json</c>.</summary>
    public const string DocumentName = "admin";

    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOpenApi(DocumentName, o => o.ShouldInclude = description => description.GroupName == DocumentName);
        return services;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // Not in the OpenAPI document terminals read: the operator surface has its own, behind the API key too.
        var admin = app.MapGroup("/admin").WithTags("Admin").WithGroupName(DocumentName).AddEndpointFilter<AdminApiKeyFilter>()
            .ProducesEdgeProblems().ProducesProblems(GatewayError.InvalidApiKey);
        admin.MapOpenApi($"/openapi/{{documentName:regex(^{DocumentName}$)}}.json");
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
