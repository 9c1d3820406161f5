using WalletGateway.Contracts;
using WalletGateway.LoadTests;
using WalletGateway.LoadTests.Scenarios;

namespace WalletGateway.Gateway.Tests;

/// <summary>The provision scenario's <c>--hold-final-relay</c>: which step it holds after, and how the option is read.</summary>
public sealed class HoldFinalRelayTests
{
    [Fact]
    public void FollowsLastBlock_StepWithTheLastStoreDataBlock_True()
    {
        var step = Step("84E600000A0102030405060708090A", "84E2000004AABBCCDD", "84E2800004AABBCCDD");

        Assert.True(FinalRelay.FollowsLastBlock(step));
    }

    [Fact]
    public void FollowsLastBlock_StoreDataBlocksButNotTheLast_False()
    {
        Assert.False(FinalRelay.FollowsLastBlock(Step("84E2000004AABBCCDD", "84E2010004AABBCCDD")));
    }

    [Fact]
    public void FollowsLastBlock_SecureChannelStepOrLastAnswer_False()
    {
        Assert.False(FinalRelay.FollowsLastBlock(Step("00A4040008A000000151000000", "80500000080102030405060708")));
        Assert.False(FinalRelay.FollowsLastBlock(new SessionStepResponse { Seq = 3, Done = true }));
    }

    [Fact]
    public void Parse_HoldFinalRelay_ReachesTheTarget()
    {
        using var http = new HttpClient();
        var held = CampaignFactory.Target(CampaignConfig.Parse(["--hold-final-relay", "4s"]), http, http);
        var unheld = CampaignFactory.Target(CampaignConfig.Parse([]), http, http);

        Assert.Equal(TimeSpan.FromSeconds(4), held.HoldFinalRelay);
        Assert.Equal(TimeSpan.Zero, unheld.HoldFinalRelay);
        Assert.Throws<FormatException>(() => CampaignConfig.Parse(["--hold-final-relay", "soon"]));
    }

    [Fact]
    public void TerminalPoolSize_HeldFinalRelay_MoreTerminalsForTheLongerSessions()
    {
        using var http = new HttpClient();
        var plan = LoadSimulation.ParsePlan("inject:10/s:40s");
        var unheld = new GatewayTarget(http, http) { DeviceReuseGap = TimeSpan.FromSeconds(3) };
        var held = unheld with { HoldFinalRelay = TimeSpan.FromSeconds(4) };

        Assert.Equal(40, TerminalPool.Size(plan, null, unheld));
        Assert.Equal(88, TerminalPool.Size(plan, null, held));
    }

    private static SessionStepResponse Step(params string[] apdus) => new() { Seq = 2, Done = false, Apdus = apdus };
}
