using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed class FaultTests
{
    private static readonly object Completion = new { cardRef = "CR-1", chipId = "0102030405060708090A", cardId = "c", messageId = "m" };

    [Fact]
    public async Task Fault_Down_AnswersServiceUnavailableUntilCleared()
    {
        await using var simulator = await Simulator.StartAsync();
        await simulator.SetFaultAsync(new FaultSettings(Simulator.DemoCard, Down: true));

        using var whileDown = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", Completion);
        using var otherIssuer = await simulator.PostIssuerAsync(Simulator.SampleBank, "provisioning/complete", Completion);
        using var cleared = await simulator.Client.DeleteAsync($"/admin/faults/{Simulator.DemoCard}", Simulator.Ct);
        using var afterClear = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", Completion);

        await ProblemAssert.IsProblemAsync(whileDown, HttpStatusCode.ServiceUnavailable, "unavailable");
        Assert.NotNull(whileDown.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, otherIssuer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterClear.StatusCode);
        Assert.False((await afterClear.Content.ReadFromJsonAsync<NotificationAck>(Simulator.Ct))!.Duplicate);
    }

    [Fact]
    public async Task Fault_FailureRateOne_AnswersEveryRequestServiceUnavailable()
    {
        await using var simulator = await Simulator.StartAsync();
        await simulator.SetFaultAsync(new FaultSettings(Simulator.DemoCard, FailureRate: 1));

        for (var i = 0; i < 5; i++)
        {
            using var response = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", Completion);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }
    }

    [Fact]
    public async Task Fault_RefuseNotices_NoticesAnswerThatStatusAndAreNotRecorded()
    {
        await using var simulator = await Simulator.StartAsync();
        await simulator.SetFaultAsync(new FaultSettings(Simulator.DemoCard, RefuseNotices: 400));

        using var refused = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", Completion);

        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Empty(await simulator.Client.GetFromJsonAsync<List<NotificationView>>($"/admin/issuers/{Simulator.DemoCard}/notifications", Simulator.Ct) ?? []);
    }

    [Fact]
    public async Task Fault_Set_IsEchoedAndListed()
    {
        await using var simulator = await Simulator.StartAsync();
        var fault = new FaultSettings(Simulator.SampleBank, LatencyMs: 5, FailureRate: 0.25, Down: false);

        using var response = await simulator.Client.PostAsJsonAsync("/admin/faults", fault, Simulator.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fault, await response.Content.ReadFromJsonAsync<FaultSettings>(Simulator.Ct));
        Assert.Equal([fault], await simulator.Client.GetFromJsonAsync<List<FaultSettings>>("/admin/faults", Simulator.Ct));
    }

    [Fact]
    public async Task Fault_Latency_DelaysIssuerEndpoints()
    {
        await using var simulator = await Simulator.StartAsync();
        await simulator.SetFaultAsync(new FaultSettings(Simulator.DemoCard, LatencyMs: 400));

        var stopwatch = Stopwatch.StartNew();
        using var response = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", Completion);
        stopwatch.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(stopwatch.Elapsed >= TimeSpan.FromMilliseconds(350), $"took {stopwatch.Elapsed}");
    }

    [Theory]
    [InlineData("""{"issuerId":"demo-card","failureRate":1.5}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"issuerId":"demo-card","latencyMs":-1}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"latencyMs":10}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"issuerId":"demo-card","refuseNotices":503}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"issuerId":"no-such-issuer","down":true}""", HttpStatusCode.NotFound)]
    public async Task Fault_InvalidSettings_AreRefused(string body, HttpStatusCode status)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.PostAsync(
            "/admin/faults", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Simulator.Ct);

        await ProblemAssert.IsProblemAsync(response, status);
    }

    [Fact]
    public async Task Fault_ClearUnknownIssuer_IsNotFound()
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.DeleteAsync("/admin/faults/no-such-issuer", Simulator.Ct);

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.NotFound, "unknown-issuer");
    }
}
