using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage;

/// <summary>Registers <see cref="GroupCommitGrainStorage"/> by name, as Orleans registers its own providers.</summary>
public static class GroupCommitGrainStorageServiceCollectionExtensions
{
    /// <summary>Adds a group-commit Azure Table grain storage named <paramref name="name"/>.</summary>
    public static IServiceCollection AddGroupCommitGrainStorage(this IServiceCollection services, string name, Action<GroupCommitStorageOptions> configureOptions) =>
        services.AddGroupCommitGrainStorage(name, builder => builder.Configure(configureOptions));

    /// <summary>Adds a group-commit Azure Table grain storage named <paramref name="name"/>.</summary>
    public static IServiceCollection AddGroupCommitGrainStorage(this IServiceCollection services, string name,
        Action<OptionsBuilder<GroupCommitStorageOptions>>? configureOptions = null)
    {
        configureOptions?.Invoke(services.AddOptions<GroupCommitStorageOptions>(name));
        services.AddTransient<IConfigurationValidator>(sp =>
            new GroupCommitStorageOptionsValidator(sp.GetRequiredService<IOptionsMonitor<GroupCommitStorageOptions>>().Get(name), name));
        services.AddTransient<IPostConfigureOptions<GroupCommitStorageOptions>, DefaultStorageProviderSerializerOptionsConfigurator<GroupCommitStorageOptions>>();
        services.ConfigureNamedOptionForLogging<GroupCommitStorageOptions>(name);
        return services.AddGrainStorage(name, GroupCommitGrainStorage.Create);
    }

    /// <summary>Adds a group-commit Azure Table grain storage as the default provider.</summary>
    public static IServiceCollection AddGroupCommitGrainStorageAsDefault(this IServiceCollection services, Action<GroupCommitStorageOptions> configureOptions) =>
        services.AddGroupCommitGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);
}
