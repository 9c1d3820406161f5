using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace WalletGateway.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Services the grains need inside a silo: options, the clock and the issuer client.</summary>
    public static IServiceCollection AddWalletGatewayGrainServices(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MemberLockoutOptions>().BindConfiguration(MemberLockoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeviceLimitOptions>().BindConfiguration(DeviceLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecureElementOptions>().BindConfiguration(SecureElementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IssuerDirectoryOptions>().BindConfiguration(IssuerDirectoryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IssuerDirectoryOptions>, IssuerDirectoryOptionsValidator>();
        services.TryAddSingleton(new GatewayClock(TimeProvider.System));
        services.AddSingleton<IssuerClient>();
        services.AddSingleton(sp => new IssuerBudgets(sp.GetService<Orleans.Runtime.IClusterMembershipService>()));
        services.AddSingleton<StorageMetrics>();
        services.TryAddSingleton<LimiterMetrics>();

        services.AddHttpClient(IssuerClient.HttpClientName)
            .AddStandardResilienceHandler(options =>
            {
                // Authenticating consumes a one-time code: never resend a POST blindly.
                options.Retry.DisableForUnsafeHttpMethods();
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            })
            .SelectPipelineBy(_ => request =>
                request.Options.TryGetValue(IssuerClient.IssuerIdOption, out var issuerId) ? issuerId : "unknown");

        services.AddResiliencePipeline(IssuerClient.NotificationPipeline, pipeline => pipeline
            .AddRetry(new()
            {
                ShouldHandle = new PredicateBuilder().Handle<IssuerCallException>(),
                MaxRetryAttempts = 4,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
            }));
        return services;
    }
}
