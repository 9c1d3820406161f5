using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using WalletGateway.GroupCommitStorage;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>Issue #15 part 7: one card, one trace; every problem's <c>traceId</c> finds its trace.</summary>
public sealed class TracingTests(TracingFixture fixture) : IClassFixture<TracingFixture>
{
    [Fact]
    public async Task ProvisionedCard_SpansFormOneTrace_FromTerminalRequestsToDurableWrite()
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();

        var result = await new ProvisioningRunner(fixture.Client, chip).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken);
        Assert.Equal("active", result.Status);
        // The same card again: refused, and the terminal's problem names that second session's own trace.
        var again = await Assert.ThrowsAsync<GatewayProblemException>(() =>
            new ProvisioningRunner(fixture.Client, GatewayFixture.NewChip()).ProvisionAsync(token, "demo-card", memberId, code, ct: TestContext.Current.CancellationToken));
        Assert.Matches("^[0-9a-f]{32}$", again.TraceId);
        Assert.NotEqual(result.TraceId, again.TraceId);
        var traceId = Assert.IsType<string>(result.TraceId);

        // A server span ends after its answer went out: wait until every request of the session is exported.
        await Eventually.TrueAsync(() => SessionRequests(fixture.Spans.Snapshot(), result.SessionId).Count() >= result.RoundTrips - 1);
        var trace = fixture.InTrace(traceId).ToList();

        // open (POST /v1/sessions), then authenticate and the relays, which name the session: all in the card's trace.
        Assert.Equal(result.RoundTrips, trace.Count(a => IsGatewayRequest(a, "/v1/sessions")));
        Assert.All(SessionRequests(fixture.Spans.Snapshot(), result.SessionId), a => Assert.Equal(traceId, a.TraceId.ToHexString()));
        // Orleans carried the context into the grains (frontend → session grain → card grain).
        Assert.Contains(trace, a => a.Source.Name == Orleans.Diagnostics.ActivitySources.ApplicationGrainActivitySourceName && a.Kind == ActivityKind.Server);
        // The session grain asked the issuer over HTTP, in the same trace.
        Assert.Contains(trace, a => a.Kind == ActivityKind.Client && a.Source.Name == "System.Net.Http"
            && (a.GetTagItem("url.full") as string ?? "").Contains("/issuers/demo-card/", StringComparison.Ordinal));
        // The card's state reached storage: its durable writes are in the trace, each carried by a batch linked to it.
        var writes = trace.Where(a => a.Source.Name == StorageTracing.SourceName && a.DisplayName == StorageTracing.DurableWrite).ToList();
        Assert.NotEmpty(writes);
        var batches = fixture.Spans.Snapshot().Where(a => a.DisplayName == StorageTracing.GroupCommit).ToList();
        Assert.All(writes, w => Assert.Contains(batches, b => b.Links.Any(l => l.Context.SpanId == w.SpanId)));
    }

    [Fact]
    public async Task EveryProblem_CarriesTheTraceIdOfItsRequest()
    {
        var token = await fixture.RegisterDeviceAsync();
        var session = await fixture.Client.OpenSessionAsync(token, "demo-card", GatewayFixture.NewChip().ChipId, TestContext.Current.CancellationToken);
        (int, string, HttpRequestMessage)[] refusals =
        [
            (400, "invalid-request", Request(HttpMethod.Post, "v1/sessions", token, "{\"issuerId\": 5}")),
            (401, "invalid-device-token", Request(HttpMethod.Post, "v1/sessions", "not-a-token", "{}")),
            (404, "not-found", Request(HttpMethod.Get, "v1/nowhere", token)),
            (409, "sequence-conflict", Request(HttpMethod.Post, $"v1/sessions/{session.SessionId}/relay", token, "{\"seq\": 7, \"responses\": [\"9000\"]}")),
        ];

        foreach (var (status, slug, request) in refusals)
        {
            // As the terminal does: HttpClient sends the current trace's traceparent.
            using var trace = CardTrace.Start();
            var sent = trace.TraceId.ToHexString();
            var body = AssertProblem(status, slug, await SendAsync(fixture.Gateway, request));

            Assert.Equal(sent, body.GetProperty("traceId").GetString());
            // The trace id finds the request's span.
            await Eventually.TrueAsync(() => fixture.InTrace(sent).Any(a => a.Kind == ActivityKind.Server));
        }
    }

    [Fact]
    public void TracingOn_TracerProviderAndGrainCallPropagationRegistered()
    {
        Assert.NotNull(fixture.GatewayServices.GetService<TracerProvider>());
        Assert.Contains(fixture.GatewayServices.GetServices<IIncomingGrainCallFilter>(), IsActivityPropagation);
    }

    internal static bool IsActivityPropagation(object filter) => filter.GetType().Name.Contains("ActivityPropagation", StringComparison.Ordinal);

    private static bool IsGatewayRequest(Activity a, string pathPrefix) =>
        a.Kind == ActivityKind.Server && a.Source.Name == "Microsoft.AspNetCore"
        && (a.GetTagItem("url.path") as string ?? "").StartsWith(pathPrefix, StringComparison.Ordinal);

    private static IEnumerable<Activity> SessionRequests(IEnumerable<Activity> spans, string sessionId) =>
        spans.Where(a => IsGatewayRequest(a, "/v1/sessions/" + sessionId));
}
