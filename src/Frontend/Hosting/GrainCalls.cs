using Orleans.Runtime;
using Polly;
using Polly.Retry;

namespace WalletGateway.Frontend.Hosting;

/// <summary>
/// Retries a grain call that the cluster rejected in transit (its silo was leaving or had just died):
/// such a call did not run, and every session call is safe to repeat anyway (identical steps are
/// answered from the session's cache, the same open is answered again).
/// </summary>
public static class GrainCalls
{
    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<OrleansMessageRejectionException>(),
            MaxRetryAttempts = 3,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
        })
        .Build();

    public static ValueTask<T> RetryRejectedAsync<T>(Func<Task<T>> call) =>
        Pipeline.ExecuteAsync(async _ => await call());

    public static ValueTask RetryRejectedAsync(Func<Task> call) =>
        Pipeline.ExecuteAsync(async _ => await call());
}
