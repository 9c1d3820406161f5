using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Frontend.Apis;
using WalletGateway.Frontend.Problems;
using WalletGateway.Frontend.Security;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The OpenAPI documents tell clients the truth: every /v1, /admin and /issuer route lists the problem responses it can
/// answer with, as problem+json, and together they cover every row of the error table (<see cref="GatewayProblems.For"/>).
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class OpenApiTests(GatewayFixture fixture)
{
    /// <summary>Statuses ASP.NET Core itself answers for a body: too large, not JSON.</summary>
    private static readonly int[] BodyStatuses = [StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType];

    [Fact]
    public async Task EveryRoute_DocumentsItsProblemResponses()
    {
        var operations = await OperationsAsync();
        var routes = Routes().ToArray();
        Assert.NotEmpty(routes);
        foreach (var (name, endpoint) in routes)
        {
            Assert.True(operations.ContainsKey(name), $"{name} is in no OpenAPI document.");
            var documented = operations[name];
            var expected = ExpectedStatuses(endpoint);
            var missing = expected.Except(documented.Keys).ToArray();
            Assert.True(missing.Length == 0, $"{name} does not document {string.Join(", ", missing)}.");
            foreach (var (status, contentTypes) in documented.Where(d => d.Key >= 400))
            {
                Assert.True(contentTypes.Contains("application/problem+json"), $"{name} documents {status} without problem+json.");
            }
        }
    }

    [Fact]
    public async Task Documents_CoverTheErrorTable()
    {
        var operations = await OperationsAsync();
        var table = Enum.GetValues<GatewayError>().Select(e => GatewayProblems.For(e).Status).ToHashSet();
        var documented = operations.Values.SelectMany(o => o.Keys).Where(s => s >= 400).ToHashSet();

        Assert.Empty(table.Except(documented));
        Assert.Empty(documented.Except(table).Except(BodyStatuses));
        Assert.Contains(GatewayProblems.For(GatewayError.MemberLocked).Status, operations["AuthenticateMember"].Keys);
        Assert.Contains(GatewayProblems.For(GatewayError.ChipVerificationFailed).Status, operations["Relay"].Keys);
        Assert.Contains(GatewayProblems.For(GatewayError.UntrustedNetwork).Status, operations["OpenSession"].Keys);
    }

    [Fact]
    public async Task AdminDocument_WithoutApiKey_401AndNotInTheTerminalsDocument()
    {
        using var response = await fixture.Gateway.GetAsync($"admin/openapi/{AdminApi.DocumentName}.json", TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)response.StatusCode);
        using var other = await fixture.Gateway.GetAsync($"openapi/{AdminApi.DocumentName}.json", TestContext.Current.CancellationToken);
        Assert.Equal(404, (int)other.StatusCode);
        var terminals = await OperationsAsync("openapi/v1.json", apiKey: null);
        Assert.DoesNotContain(terminals.Keys, name => name.StartsWith("Admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task IssuerDocument_OnlyWithAnIssuerKeyAndInNoOtherDocument()
    {
        var path = $"issuer/openapi/{IssuerCardsApi.DocumentName}.json";
        using var anonymous = await fixture.Gateway.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)anonymous.StatusCode);
        using var operatorKey = new HttpRequestMessage(HttpMethod.Get, path);
        operatorKey.Headers.Add(AdminOptions.ApiKeyHeader, OperatorFixture.ApiKey);
        using var withOperatorKey = await fixture.Gateway.SendAsync(operatorKey, TestContext.Current.CancellationToken);
        Assert.Equal(401, (int)withOperatorKey.StatusCode);

        var issuer = await OperationsAsync(path, DevelopmentSecrets.DemoCardIssuerApiKey, IssuerKeyAuthentication.Header);
        Assert.Equal(["IssuerDeleteCard", "IssuerGetCard", "IssuerResumeCard", "IssuerSuspendCard"], issuer.Keys.Order());
        var others = (await OperationsAsync("openapi/v1.json", apiKey: null)).Keys
            .Concat((await OperationsAsync($"admin/openapi/{AdminApi.DocumentName}.json", OperatorFixture.ApiKey)).Keys);
        Assert.DoesNotContain(others, name => name.StartsWith("Issuer", StringComparison.Ordinal));
    }

    /// <summary>What the route's metadata says it can refuse, with statuses from the error table.</summary>
    private static HashSet<int> ExpectedStatuses(RouteEndpoint endpoint)
    {
        var expected = new HashSet<int> { GatewayProblems.For(GatewayError.RateLimited).Status, GatewayProblems.For(GatewayError.Overloaded).Status };
        if (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null)
        {
            expected.Add(GatewayProblems.For(GatewayError.InvalidDeviceToken).Status);
        }

        if (endpoint.RoutePattern.RawText!.StartsWith("/admin", StringComparison.Ordinal))
        {
            expected.Add(GatewayProblems.For(GatewayError.InvalidApiKey).Status);
        }

        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null)
        {
            expected.Add(GatewayProblems.For(GatewayError.InvalidRequest).Status);
            expected.UnionWith(BodyStatuses);
        }

        if (endpoint.RoutePattern.Parameters.Count > 0)
        {
            expected.Add(StatusCodes.Status404NotFound);
        }

        return expected;
    }

    private IEnumerable<(string Name, RouteEndpoint Endpoint)> Routes() =>
        fixture.GatewayServices.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IEndpointNameMetadata>() is not null
                && new[] { "/v1", "/admin", "/issuer" }.Any(prefix => e.RoutePattern.RawText!.StartsWith(prefix, StringComparison.Ordinal)))
            .Select(e => (e.Metadata.GetMetadata<IEndpointNameMetadata>()!.EndpointName, e));

    /// <summary>Operation id → documented status → content types, from the three documents.</summary>
    private async Task<Dictionary<string, Dictionary<int, string[]>>> OperationsAsync()
    {
        var operations = await OperationsAsync("openapi/v1.json", apiKey: null);
        foreach (var (name, responses) in (await OperationsAsync($"admin/openapi/{AdminApi.DocumentName}.json", OperatorFixture.ApiKey))
            .Concat(await OperationsAsync($"issuer/openapi/{IssuerCardsApi.DocumentName}.json", DevelopmentSecrets.DemoCardIssuerApiKey, IssuerKeyAuthentication.Header)))
        {
            operations.Add(name, responses);
        }

        return operations;
    }

    private async Task<Dictionary<string, Dictionary<int, string[]>>> OperationsAsync(string path, string? apiKey, string header = AdminOptions.ApiKeyHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (apiKey is not null)
        {
            request.Headers.Add(header, apiKey);
        }

        using var response = await fixture.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var operations = new Dictionary<string, Dictionary<int, string[]>>();
        foreach (var pathItem in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in pathItem.Value.EnumerateObject().Where(o => o.Value.TryGetProperty("operationId", out _)))
            {
                operations[operation.Value.GetProperty("operationId").GetString()!] = operation.Value.GetProperty("responses").EnumerateObject()
                    .ToDictionary(
                        r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture),
                        r => r.Value.TryGetProperty("content", out var content) ? content.EnumerateObject().Select(c => c.Name).ToArray() : []);
            }
        }

        return operations;
    }
}
