using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>Tracing is off by default: no tracer provider, no propagation filters; problems still carry a <c>traceId</c>.</summary>
[Collection(GatewayCollection.Name)]
public sealed class TracingOffTests(GatewayFixture fixture)
{
    [Fact]
    public void ByDefault_NoTracerProviderAndNoGrainCallPropagation()
    {
        Assert.Null(fixture.GatewayServices.GetService<TracerProvider>());
        Assert.DoesNotContain(fixture.GatewayServices.GetServices<IIncomingGrainCallFilter>(), TracingTests.IsActivityPropagation);
        Assert.DoesNotContain(fixture.GatewayServices.GetServices<IOutgoingGrainCallFilter>(), TracingTests.IsActivityPropagation);
    }

    [Fact]
    public async Task ByDefault_ProblemStillCarriesATraceId()
    {
        var body = AssertProblem(404, "not-found", await SendAsync(fixture.Gateway, Request(HttpMethod.Get, "v1/nowhere", null)));

        Assert.False(string.IsNullOrEmpty(body.GetProperty("traceId").GetString()));
    }
}
