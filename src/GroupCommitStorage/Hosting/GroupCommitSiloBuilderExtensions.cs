namespace WalletGateway.GroupCommitStorage;

/// <summary><see cref="ISiloBuilder"/> extensions for <see cref="GroupCommitGrainStorage"/>.</summary>
public static class GroupCommitSiloBuilderExtensions
{
    /// <summary>Adds a group-commit Azure Table grain storage named <paramref name="name"/>.</summary>
    public static ISiloBuilder AddGroupCommitGrainStorage(this ISiloBuilder builder, string name, Action<GroupCommitStorageOptions> configureOptions) =>
        builder.ConfigureServices(services => services.AddGroupCommitGrainStorage(name, configureOptions));
}
