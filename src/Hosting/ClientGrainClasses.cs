using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization.Configuration;

namespace WalletGateway.Hosting;

/// <summary>
/// An Orleans client hosts no grains. Orleans finds application parts through the entry assembly's dependencies,
/// and the frontend executable also runs co-hosted, so the grain assembly is among them: without this the client's
/// manifest would list every grain class. Dropping them keeps the client to interfaces, proxies and wire types.
/// </summary>
internal static class ClientGrainClasses
{
    public static void Exclude(IServiceCollection services) =>
        services.PostConfigure<TypeManifestOptions>(o => o.InterfaceImplementations.RemoveWhere(typeof(Grain).IsAssignableFrom));
}
