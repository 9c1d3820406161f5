using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Hosting;

namespace WalletGateway.Frontend.Apis;

/// <summary>The operator API under <c>/admin</c>: issuers, cards, sessions, devices. Every call needs the operator API key.</summary>
public static class AdminApi
{
    /// <summary>The operator API's OpenAPI document, served at <c>/admin/openapi/admin.json</c>.</summary>
    public const string DocumentName = "admin";

    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        // Authorization runs before the endpoint binds the body: no key is a 401 whatever the body.
        services.AddOperatorKeyAuthentication(http => ProblemWriter.WriteAsync(http, ProblemWriter.Create(GatewayError.InvalidApiKey,
            $"A valid operator API key is required in the {AdminOptions.ApiKeyHeader} header.")).AsTask());
        services.AddOpenApi(DocumentName, o => o.ShouldInclude = description => description.GroupName == DocumentName);
        return services;
    }

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        // Not in the OpenAPI document terminals read: the operator surface has its own, behind the API key too.
        var admin = app.MapGroup("/admin").WithTags("Admin").WithGroupName(DocumentName).RequireAuthorization(OperatorKeyAuthentication.Policy)
            .ProducesEdgeProblems().ProducesProblems(GatewayError.InvalidApiKey);
        admin.MapOpenApi($"/openapi/{{documentName:regex(^{DocumentName}$)}}.json");
        admin.MapAdminIssuers();
        admin.MapAdminIssuerKeys();
        admin.MapAdminCards();
        admin.MapAdminSessions();
        admin.MapAdminDevices();
        return app;
    }

    /// <summary>The operator named in <c>X-Operator</c>, if any (letters, digits, <c>.-_@</c>, at most 64).</summary>
    public static string? OperatorOf(HttpContext http)
    {
        var name = http.Request.Headers[AdminOptions.OperatorHeader].ToString();
        return name.Length is > 0 and <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@') ? name : null;
    }
}
