using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Sessions;

public static class SessionServiceCollectionExtensions
{
    /// <summary>What terminal session grains need in a silo, and the filter that times their steps.</summary>
    public static IServiceCollection AddTerminalSessions(this IServiceCollection services)
    {
        services.AddOptions<SessionOptions>().BindConfiguration(SessionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecureElementOptions>().BindConfiguration(SecureElementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<SessionMetrics>();
        services.TryAddSingleton<LocalSessions>();
        services.AddSingleton<SessionClock>();
        services.AddSingleton<SessionExpirySweep>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<SessionExpirySweep>());
        services.AddSingleton<PersonalizationScriptFactory>();
        services.AddSingleton(sp => new MemberAuthenticator(sp.GetRequiredService<IssuerClient>().AuthenticateMemberAsync));
        // What ISiloBuilder.AddIncomingGrainCallFilter registers: Orleans runs every IIncomingGrainCallFilter service.
        services.AddSingleton<IIncomingGrainCallFilter, SessionStepTimingFilter>();
        return services;
    }
}
