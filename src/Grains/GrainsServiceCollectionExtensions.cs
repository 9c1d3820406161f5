using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Devices;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Issuers;
using WalletGateway.Grains.Members;
using WalletGateway.Grains.Notifications;
using WalletGateway.Grains.Sessions;

namespace WalletGateway.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>Services the grains need inside a silo: options, the clock and the issuer client.</summary>
    public static IServiceCollection AddWalletGatewayGrainServices(this IServiceCollection services)
    {
        services.AddOptions<MemberLockoutOptions>().BindConfiguration(MemberLockoutOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DeviceLimitOptions>().BindConfiguration(DeviceLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IssuerDirectoryOptions>().BindConfiguration(IssuerDirectoryOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<IssuerDirectoryOptions>, IssuerDirectoryOptionsValidator>();
        services.AddOptions<IssuerSecretsOptions>().BindConfiguration(IssuerSecretsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<IssuerRefreshOptions>().BindConfiguration(IssuerRefreshOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Orleans refuses reminder periods under a minute unless told otherwise; tests use seconds.
        services.AddOptions<Orleans.Hosting.ReminderOptions>().Configure<IOptions<NotificationOptions>>((reminders, notifications) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, notifications.Value.ReminderPeriod.Ticks)));
        services.TryAddSingleton(new GatewayClock(TimeProvider.System));
        services.AddSingleton<IssuerSecretProtector>();
        services.AddSingleton<IssuerDirectory>();
        services.AddSingleton<IIssuerProtocol, JsonIssuerProtocol>();
        services.AddSingleton<IIssuerProtocol, LegacyIssuerProtocol>();
        services.AddSingleton<IssuerClient>();
        services.AddSingleton<CardTables>();
        services.AddSingleton<AuditChain>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<ChipIndex>();
        services.AddSingleton<OutboxDelivery>();
        services.AddSingleton(sp => new IssuerBudgets(sp.GetService<Orleans.Runtime.IClusterMembershipService>()));
        services.AddSingleton<StorageMetrics>();
        services.TryAddSingleton<LimiterMetrics>();
        services.TryAddSingleton<IssuerMetrics>();
        services.AddTerminalSessions();
        // What ISiloBuilder.AddIncoming/OutgoingGrainCallFilter register: one instance, both sides.
        services.AddSingleton<GrainCallLocality>();
        services.AddSingleton<IIncomingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallLocality>());
        services.AddSingleton<IOutgoingGrainCallFilter>(sp => sp.GetRequiredService<GrainCallLocality>());

        services.AddHttpClient(IssuerClient.HttpClientName)
            // Its loggers write only at Information and below (two lines per request and attempt); IssuerClient logs
            // what goes wrong itself, so the handlers are not even in the pipeline.
            .RemoveAllLoggers()
            .AddStandardResilienceHandler(options =>
            {
                // Authenticating consumes a one-time code: never resend a POST blindly.
                options.Retry.DisableForUnsafeHttpMethods();
                // Each call carries its issuer's own timeout; the static values are the defaults the handler validates.
                options.AttemptTimeout.Timeout = TimeSpan.FromSeconds(5);
                options.AttemptTimeout.TimeoutGenerator = args => ValueTask.FromResult(IssuerTimeout(args.Context));
                options.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(10);
                options.TotalRequestTimeout.TimeoutGenerator = args => ValueTask.FromResult(2 * IssuerTimeout(args.Context));
                options.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
            })
            .SelectPipelineBy(_ => request =>
                request.Options.TryGetValue(IssuerClient.IssuerIdOption, out var issuerId) ? issuerId : "unknown");

        return services;
    }

    private static TimeSpan IssuerTimeout(ResilienceContext context) =>
        context.GetRequestMessage()?.Options.TryGetValue(IssuerClient.TimeoutOption, out var timeout) == true ? timeout : TimeSpan.FromSeconds(5);
}
