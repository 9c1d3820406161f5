namespace WalletGateway.Gateway.Tests;

/// <summary>Waits for a condition that background work makes true, polling with a timeout (never a fixed sleep).</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null) =>
        await TrueAsync(() => Task.FromResult(condition()), timeout);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            // Polling interval, not a wait for the thing itself: the timeout bounds the wait.
            await Task.Delay(25, cts.Token);
        }
    }
}
