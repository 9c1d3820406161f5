using Orleans.Storage;
using WalletGateway.Grains.Interfaces.Models;
namespace WalletGateway.Grains;

/// <summary>How grains write (and read on demand) durable state: a storage failure becomes a clear 503, never a half-known state.</summary>
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
            throw Unavailable(grain, metrics, typeof(T).Name);
        }
    }

    /// <summary>
    /// Writes the state of a record this activation has not read, as an insert (no ETag). False when storage refuses it
    /// because the record exists: the activation is dropped, so the next call reads what is stored.
    /// </summary>
    public static async Task<bool> InsertDurablyAsync<T>(this Grain grain, IPersistentState<T> state, StorageMetrics metrics)
    {
        try
        {
            await state.WriteStateAsync();
            metrics.Written(typeof(T).Name);
            return true;
        }
        catch (InconsistentStateException)
        {
            grain.DeactivateOnIdle();
            return false;
        }
        catch (Exception e) when (e is not GatewayException)
        {
            throw Unavailable(grain, metrics, typeof(T).Name);
        }
    }

    /// <summary>Reads state a grain loads on demand (<see cref="OnDemandState{T}"/>); a storage failure is a 503, as a write's.</summary>
    public static async Task ReadDurablyAsync<T>(this OnDemandState<T> state)
        where T : new()
    {
        try
        {
            await state.EnsureReadAsync();
        }
        catch (Exception e) when (e is not GatewayException)
        {
            throw new GatewayException(GatewayError.StorageUnavailable,
                "Durable storage did not answer; nothing was changed. Try again shortly.", retryAfter: TimeSpan.FromSeconds(5));
        }
    }

    private static GatewayException Unavailable(Grain grain, StorageMetrics metrics, string stateType)
    {
        metrics.Failed(stateType);
        grain.DeactivateOnIdle();
        return new GatewayException(GatewayError.StorageUnavailable,
            "Durable storage did not confirm the write; nothing was changed. Try again shortly.", retryAfter: TimeSpan.FromSeconds(5));
    }
}
