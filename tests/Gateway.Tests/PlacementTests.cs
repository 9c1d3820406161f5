using System.Diagnostics.Metrics;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Runtime;
using WalletGateway.Contracts;
using WalletGateway.Frontend.Hosting;
using WalletGateway.Grains;
using WalletGateway.Grains.Cards;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Devices;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.Grains.Members;
using WalletGateway.Grains.Placement;
using WalletGateway.Hosting;
using WalletGateway.Grains.Sessions;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// Placement keeps a card's work on the silo that received its session (docs/architecture.md#placement): the table
/// mirrors the doc's, and a session opened through each of two silos runs with its callees beside it.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed class PlacementTests(GatewayFixture fixture)
{
    private const int SessionsPerSilo = 3;

    private static readonly Dictionary<Type, Type> Table = new()
    {
        [typeof(TerminalSessionGrain)] = typeof(PreferLocalPlacementAttribute),
        [typeof(CardGrain)] = typeof(PreferLocalPlacementAttribute),
        [typeof(ChipGrain)] = typeof(PreferLocalPlacementAttribute),
        [typeof(MemberLockoutGrain)] = typeof(HashBasedPlacementAttribute),
        [typeof(AuthenticationBudgetGrain)] = typeof(PreferLocalPlacementAttribute),
        [typeof(DeviceGrain)] = typeof(PreferLocalPlacementAttribute),
        [typeof(IssuerGrain)] = typeof(PreferLocalPlacementAttribute),
        [typeof(CardSweepGrain)] = typeof(HashBasedPlacementAttribute),
        [typeof(IssuerRegistryGrain)] = typeof(HashBasedPlacementAttribute),
        [typeof(IssuerApiKeyGrain)] = typeof(HashBasedPlacementAttribute),
        [typeof(ChipCardsGrain)] = typeof(StatelessWorkerAttribute),
        [typeof(DeviceCardsGrain)] = typeof(StatelessWorkerAttribute),
        [typeof(IssuerCatalogGrain)] = typeof(StatelessWorkerAttribute),
        [typeof(IssuerAdminGrain)] = typeof(StatelessWorkerAttribute),
        [typeof(GatewaySiloGrain)] = typeof(StatelessWorkerAttribute),
    };

    public static TheoryData<Type, Type> Placements() => new(Table.Select(row => (row.Key, row.Value)));

    [Theory]
    [MemberData(nameof(Placements))]
    public void GrainClass_CarriesItsChosenPlacement(Type grain, Type placement) =>
        Assert.Equal(placement, Assert.Single(grain.GetCustomAttributes<PlacementAttribute>(inherit: false)).GetType());

    [Fact]
    public void EveryGrainClass_ChoosesItsPlacementOnPurpose()
    {
        var grains = typeof(CardGrain).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && typeof(Grain).IsAssignableFrom(t));
        Assert.All(grains, g => Assert.True(Table.ContainsKey(g), $"{g.Name} has no row in the placement table (docs/architecture.md#placement)"));
    }

    [Fact]
    public async Task Session_OpenedThroughEitherSilo_RunsThereWithItsCardChipAndDevice()
    {
        var ct = TestContext.Current.CancellationToken;
        var second = await fixture.StartSecondGatewayAsync();
        try
        {
            var management = fixture.Grains.GetGrain<IManagementGrain>(0);
            foreach (var (app, client) in new[] { (fixture.GatewayServices, fixture.Client), (second.Services, ViaApp(second)) })
            {
                var silo = app.GetRequiredService<ILocalSiloDetails>().SiloAddress;
                for (var i = 0; i < SessionsPerSilo; i++)
                {
                    var (memberId, code) = await fixture.CreateMemberAsync();
                    var token = (await client.RegisterDeviceAsync("placement phone", "1.0", ct)).DeviceToken;
                    var (session, _) = await TestTerminal.OpenAndAuthenticateAsync(client, token, GatewayFixture.NewChip(), memberId, code);
                    Assert.True(SessionIds.TryParse(session.SessionId, out var sessionKey));
                    var details = await fixture.Grains.GetGrain<ITerminalSessionGrain>(sessionKey).GetDetailsAsync();
                    foreach (var (name, grain) in Callees(details))
                    {
                        Assert.True(silo.Equals(await management.GetActivationAddress(grain)), $"the {name} grain of a session received by {silo} is elsewhere");
                    }
                }
            }
        }
        finally
        {
            await second.StopAsync(ct);
            await second.DisposeAsync();
        }
    }

    /// <summary>
    /// A frontend that is an Orleans client (the cluster layout) sends each grain's calls through a gateway of the grain id's
    /// bucket: the session's id is minted in its device's bucket, so session, device and callees share a silo. Without the
    /// minting a session lands beside its device with probability 1/2 here; the sessions must also reach both silos.
    /// </summary>
    [Fact]
    public async Task ClientFrontend_Session_RunsWithItsDeviceAndCallees_OnEitherSilo()
    {
        const int sessions = 12;
        var ct = TestContext.Current.CancellationToken;
        await WithClientFrontendOnTwoSilosAsync(async (frontend, second) =>
        {
            var client = ViaApp(frontend);
            var management = fixture.Grains.GetGrain<IManagementGrain>(0);
            var silosUsed = new HashSet<SiloAddress>();
            IMeterFactory[] silos = [fixture.GatewayServices.GetRequiredService<IMeterFactory>(), second.Services.GetRequiredService<IMeterFactory>()];
            for (var i = 0; i < sessions; i++)
            {
                var (memberId, code) = await fixture.CreateMemberAsync();
                var token = (await client.RegisterDeviceAsync("placement phone", "1.0", ct)).DeviceToken;
                using var calls = new InstrumentRecorder("walletgateway.grain_calls.received", silos);
                var (session, _) = await TestTerminal.OpenAndAuthenticateAsync(client, token, GatewayFixture.NewChip(), memberId, code);
                // The card's own calls: the frontend's (client) and the session's to its callees (this silo), none across.
                Assert.True(calls.Sum(("from", "client"), ("grain", nameof(ITerminalSessionGrain))) >= 2, $"session {i}: the frontend's calls were not counted");
                Assert.True(calls.Sum(("from", "this-silo"), ("grain", nameof(ICardGrain))) >= 1, $"session {i}: the session's lease call was not counted");
                // The member lockout shard is hash-placed (a warm grain shared by every silo's sessions, no activation per
                // member): its one call from the session crosses with probability 1/2 here, so it is left out.
                var across = calls.Sum(("from", "other-silo"), ("kind", "gateway")) - calls.Sum(("from", "other-silo"), ("grain", nameof(IMemberLockoutGrain)));
                Assert.True(across == 0, $"session {i}: calls across silos: {calls}");

                Assert.True(SessionIds.TryParse(session.SessionId, out var sessionKey));
                var details = await fixture.Grains.GetGrain<ITerminalSessionGrain>(sessionKey).GetDetailsAsync();
                var silo = await management.GetActivationAddress(fixture.Grains.GetGrain<ITerminalSessionGrain>(sessionKey));
                Assert.NotNull(silo);
                silosUsed.Add(silo);
                // The test's own call came from the first silo: across exactly when the session is on the second.
                Assert.Equal(silo.Equals(fixture.GatewayServices.GetRequiredService<ILocalSiloDetails>().SiloAddress) ? 0 : 1,
                    calls.Sum(("from", "other-silo"), ("grain", nameof(ITerminalSessionGrain))));
                foreach (var (name, grain) in Callees(details).Skip(1))
                {
                    Assert.True(silo.Equals(await management.GetActivationAddress(grain)), $"session {i}: the {name} grain is not on the session's silo {silo}");
                }
            }

            Assert.Equal(2, silosUsed.Count);
        });
    }

    /// <summary>
    /// A client-mode frontend that has probed its gateway buckets mints session ids whose entry in Orleans' distributed
    /// grain directory belongs to the session's own silo: opening (and superseding) sessions makes no directory call
    /// across silos for them. Checked to fail without the probe's map: a random id's entry is remote with probability
    /// 1/2 here.
    /// </summary>
    [Fact]
    public async Task ClientFrontend_SessionsDirectoryEntries_StayOnTheirSilo()
    {
        const int sessions = 10;
        var ct = TestContext.Current.CancellationToken;
        await WithClientFrontendOnTwoSilosAsync(async (frontend, second) =>
        {
            await frontend.Services.GetRequiredService<GatewayBucketProbe>().ProbeAsync();
            var map = frontend.Services.GetRequiredService<SessionIdMinter>().Map;
            Assert.NotNull(map);
            Assert.Equal(2, map.Ring.Silos.Count);
            Assert.All(Enumerable.Range(0, 256), b => Assert.InRange(map.SiloOfBucket((uint)b), 0, 1));

            var sessionType = fixture.Grains.GetGrain<ITerminalSessionGrain>(Guid.Empty).GetGrainId().Type.ToString();
            IMeterFactory[] silos = [fixture.GatewayServices.GetRequiredService<IMeterFactory>(), second.Services.GetRequiredService<IMeterFactory>()];
            var client = ViaApp(frontend);
            var silosUsed = new HashSet<SiloAddress>();
            var management = fixture.Grains.GetGrain<IManagementGrain>(0);
            for (var device = 0; device < 2; device++)
            {
                var token = (await client.RegisterDeviceAsync("directory phone", "1.0", ct)).DeviceToken;
                var chip = GatewayFixture.NewChip();
                await client.OpenSessionAsync(token, "demo-card", chip.ChipId);
                var keys = new List<Guid>();
                using (var calls = new InstrumentRecorder("walletgateway.grain_calls.received", silos))
                {
                    for (var i = 0; i < sessions / 2; i++)
                    {
                        // Each open supersedes the chip's earlier session: one registration, one deregistration.
                        var opened = await client.OpenSessionAsync(token, "demo-card", chip.ChipId);
                        Assert.True(SessionIds.TryParse(opened.SessionId, out var key));
                        keys.Add(key);
                    }

                    Assert.True(calls.Sum(("kind", "directory"), ("target", sessionType), ("method", "RegisterAsync")) >= sessions / 2,
                        $"device {device}: the sessions' registrations were not counted: {calls}");
                    var across = calls.Sum(("from", "other-silo"), ("kind", "directory"), ("target", sessionType));
                    Assert.True(across == 0, $"device {device}: {across} directory calls across silos for sessions: {calls}");
                }

                // Asked after counting: the test's lookup from the first silo may cross.
                silosUsed.Add((await management.GetActivationAddress(fixture.Grains.GetGrain<ITerminalSessionGrain>(keys[^1])))!);
            }

            Assert.NotEmpty(silosUsed);
        });
    }

    /// <summary>Runs <paramref name="test"/> with a second silo and a client-mode frontend over both, then stops them.</summary>
    private async Task WithClientFrontendOnTwoSilosAsync(Func<WebApplication, WebApplication, Task> test)
    {
        var ct = TestContext.Current.CancellationToken;
        var second = await fixture.StartSecondGatewayAsync();
        var settings = new Dictionary<string, string?>(fixture.LastSettings) { ["Gateway:Mode"] = "Client", ["Operations:Port"] = GatewayFixture.FreePort().ToString() };
        var frontend = await GatewayApp.CreateAsync(GatewayFixture.DevelopmentArgs, builder => builder.Configuration.AddInMemoryCollection(settings));
        await frontend.StartAsync(ct);
        try
        {
            await test(frontend, second);
        }
        finally
        {
            await frontend.StopAsync(ct);
            await frontend.DisposeAsync();
            await second.StopAsync(ct);
            await second.DisposeAsync();
        }
    }

    /// <summary>A session's grains, the session first (not the member lockout shard: hash-placed, anywhere).</summary>
    private (string Name, IAddressable Grain)[] Callees(SessionDetails details) =>
    [
        ("session", fixture.Grains.GetGrain<ITerminalSessionGrain>(details.SessionId)),
        ("device", fixture.Grains.GetGrain<IDeviceGrain>(details.DeviceId)),
        ("chip", fixture.Grains.GetGrain<IChipGrain>(details.ChipId)),
        ("budget", fixture.Grains.GetGrain<IAuthenticationBudgetGrain>(details.DeviceId)),
        ("card", fixture.Grains.GetGrain<ICardGrain>(CardKey.For(details.IssuerId, details.CardRef!))),
    ];

    private static GatewayClient ViaApp(WebApplication app) => new(new HttpClient { BaseAddress = GatewayFixture.AddressOf(app) });
}
