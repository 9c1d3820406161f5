using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains;

/// <summary>How grains write durable state: a storage failure becomes a clear 503, never a half-known state.</summary>
public static class DurableWrites
{
    /// <summary>
    /// Writes the state. On an ETag conflict or a storage failure the activation is dropped, so the
    /// next call re-reads what is really stored instead of trusting memory that is ahead of it.
    /// </summary>
    public static async Task WriteDurablyAsync<T>(this Grain grain, IPersistentState<T> state, StorageMetrics metrics)
    {
        try
        {
            await state.WriteStateAsync();
            metrics.Written(typeof(T).Name);
        }
        catch (Exception e) when (e is not GatewayException)
        {
            metrics.Failed(typeof(T).Name);
            grain.DeactivateOnIdle();
            throw new GatewayException(GatewayError.StorageUnavailable,
                "Durable storage did not confirm the write; nothing was changed. Try again shortly.", retryAfter: TimeSpan.FromSeconds(5));
        }
    }
}
