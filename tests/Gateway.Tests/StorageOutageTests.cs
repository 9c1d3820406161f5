using WalletGateway.Hosting;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// How the gateway's storage client settings (<see cref="StorageProbe.ClientOptions"/>) meet an outage: a write caught
/// by it is tried <c>1 + MaxRetries</c> times, then the call ends with a 503 and <c>Retry-After</c>; an outage shorter
/// than the retries is not seen by the terminal; and once storage is back the next write goes through at its first attempt.
/// </summary>
public sealed class StorageOutageTests(StorageOutageFixture fixture) : IClassFixture<StorageOutageFixture>
{
    [Fact]
    public async Task Outage_EveryAttemptRefused_503WithRetryAfterAfterThreeAttempts_NextWriteGoesThroughAtOnce()
    {
        var before = fixture.Outage.RefusedAttempts.Keys.ToHashSet();
        fixture.Outage.Cut();
        var error = await Assert.ThrowsAsync<GatewayProblemException>(fixture.RegisterDeviceAsync);
        fixture.Outage.Restore();
        var refusedDuringOutage = RefusedSince(before).Sum();

        Assert.Equal(503, error.Status);
        Assert.NotNull(error.RetryAfter);
        // One registration is one insert: its attempts are all the outage met, the first and the two retries (not the SDK's 4).
        Assert.Equal(1 + StorageProbe.MaxRetries, Assert.Single(RefusedSince(before)));

        Assert.NotEmpty(await fixture.RegisterDeviceAsync());
        Assert.Equal(refusedDuringOutage, RefusedSince(before).Sum());
    }

    [Fact]
    public async Task ShortOutage_FirstTwoAttemptsRefused_RegistrationSucceedsOnItsLastRetry()
    {
        var before = fixture.Outage.RefusedAttempts.Keys.ToHashSet();
        fixture.Outage.CutFor(StorageProbe.MaxRetries);

        Assert.NotEmpty(await fixture.RegisterDeviceAsync());

        Assert.Equal(StorageProbe.MaxRetries, Assert.Single(RefusedSince(before)));
    }

    /// <summary>Refused attempts per request of the requests that met the outage since <paramref name="before"/>.</summary>
    private List<int> RefusedSince(HashSet<string> before) =>
        [.. fixture.Outage.RefusedAttempts.Where(r => !before.Contains(r.Key)).Select(r => r.Value)];
}
