using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using WalletGateway.Contracts;
using WalletGateway.Grains;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Sessions;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Scale-down: a silo that drains hands its live sessions to another silo; terminals do not notice.</summary>
[Collection(GatewayCollection.Name)]
public sealed class SiloDrainTests(GatewayFixture fixture)
{
    private const int OnDrainedSilo = 4;

    private const int MaxSessions = 40;

    [Fact]
    public async Task DrainSilo_SessionsMidWrite_MigrateAndFinishOnTheOtherSilo()
    {
        var ct = TestContext.Current.CancellationToken;
        var meters = fixture.GatewayServices.GetRequiredService<IMeterFactory>();
        using var migrations = new InstrumentRecorder("walletgateway.sessions.migrated", meters);

        var second = await fixture.StartSecondGatewayAsync();
        var viaSecond = new GatewayClient(new HttpClient { BaseAddress = GatewayFixture.AddressOf(second) });
        var secondSilo = second.Services.GetRequiredService<Orleans.Runtime.ILocalSiloDetails>().SiloAddress;
        var management = fixture.Grains.GetGrain<Orleans.Runtime.IManagementGrain>(0);
        var live = new List<(string Token, string SessionId, SoftSecureElement Chip, SessionStepResponse Step)>();
        var onSecond = 0;
        for (var i = 0; i < MaxSessions && onSecond < OnDrainedSilo; i++)
        {
            // Half through each frontend, so both silos hold sessions.
            var client = i % 2 == 0 ? fixture.Client : viaSecond;
            var (memberId, code) = await fixture.CreateMemberAsync();
            var token = (await client.RegisterDeviceAsync("drain phone", "1.0", ct)).DeviceToken;
            var chip = GatewayFixture.NewChip();
            var (session, first) = await TestTerminal.OpenAndAuthenticateAsync(client, token, chip, memberId, code);
            var second1 = await client.RelayAsync(token, session.SessionId, first.Seq, ProvisioningRunner.RelayToChip(chip, first), ct);
            Assert.False(second1.Done);
            live.Add((token, session.SessionId, chip, second1));
            Assert.True(SessionIds.TryParse(session.SessionId, out var sessionKey));
            var host = await management.GetActivationAddress(fixture.Grains.GetGrain<ITerminalSessionGrain>(sessionKey));
            onSecond += secondSilo.Equals(host) ? 1 : 0;
        }

        Assert.True(onSecond > 0, "no session was placed on the second silo");

        await second.StopAsync(ct);
        await second.DisposeAsync();

        foreach (var (token, sessionId, chip, step) in live)
        {
            var last = await fixture.Client.RelayAsync(token, sessionId, step.Seq, ProvisioningRunner.RelayToChip(chip, step), ct);
            Assert.True(last.Done);
            Assert.Equal("active", last.Result!.Status);
            Assert.Equal(last.Result.CardId, Assert.Single(chip.Cards).CardId);
        }

        var migratedIn = migrations.Sum("direction", "in");
        Assert.True(migratedIn >= onSecond, $"{onSecond} sessions were on the drained silo, {migratedIn} arrived");
    }
}
