using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using WalletGateway.Frontend.Problems;

namespace WalletGateway.Gateway.Tests;

/// <summary>A cluster or storage that does not answer (a killed silo, a storage outage): a clear 503 with Retry-After.</summary>
public sealed class UnavailableMappingTests
{
    public static TheoryData<Exception> ClusterFailures() =>
    [
        new OrleansException("Error from storage provider AzureTableGrainStorage during ReadStateAsync"),
        new SiloUnavailableException("silo is dead"),
        new OperationCanceledException("the call to the dead silo was cancelled"),
        new TimeoutException("no answer"),
        new Azure.RequestFailedException(503, "storage down"),
    ];

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public async Task ClusterOrStorageFailure_503ProblemWithRetryAfter(Exception failure)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var handler = new GatewayExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<GatewayExceptionHandler>.Instance);

        Assert.True(await handler.TryHandleAsync(http, failure, CancellationToken.None));
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("2", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        Assert.Contains("https://walletgateway.dev/problems/unavailable", await new StreamReader(http.Response.Body).ReadToEndAsync());
    }

    [Fact]
    public async Task UnexpectedBug_NotMapped_StaysA500()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var handler = new GatewayExceptionHandler(services.GetRequiredService<IProblemDetailsService>(), NullLogger<GatewayExceptionHandler>.Instance);
        Assert.False(await handler.TryHandleAsync(new DefaultHttpContext { RequestServices = services }, new NullReferenceException(), CancellationToken.None));
    }
}
