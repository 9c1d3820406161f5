using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed class HostTests
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task HealthEndpoint_RunningSimulator_IsOk(string path)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.Client.GetAsync(path, Simulator.Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_RunningSimulator_DescribesIssuerAndAdminEndpoints()
    {
        await using var simulator = await Simulator.StartAsync();

        using var document = await simulator.Client.GetFromJsonAsync<JsonDocument>("/openapi/v1.json", Simulator.Ct);

        var paths = document!.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/issuers/{issuerId}/members/authenticate", out _));
        Assert.True(paths.TryGetProperty("/issuers/{issuerId}/provisioning/complete", out _));
        Assert.True(paths.TryGetProperty("/admin/stats", out _));
    }

    [Fact]
    public async Task TwoInstances_InOneProcess_DoNotShareState()
    {
        await using var first = await Simulator.StartAsync();
        await using var second = await Simulator.StartAsync();
        var member = (await first.CreateMembersAsync(Simulator.DemoCard, 1))[0];
        await first.SetFaultAsync(new FaultSettings(Simulator.SampleBank, Down: true));

        using var atSecond = await second.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);
        using var sampleBankAtSecond = await second.PostIssuerAsync(
            Simulator.SampleBank, "provisioning/complete", new { cardRef = "CR-1", chipId = "00", cardId = "c", messageId = "m" });
        using var atFirst = await first.AuthenticateAsync(Simulator.DemoCard, member.MemberId, member.AccessCode);

        Assert.Equal(HttpStatusCode.Unauthorized, atSecond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sampleBankAtSecond.StatusCode);
        Assert.Equal(HttpStatusCode.OK, atFirst.StatusCode);
        Assert.Equal(0, (await first.StatsAsync(Simulator.SampleBank)).Requests);
    }
}
