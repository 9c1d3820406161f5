using System.Net;
using System.Net.Sockets;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>
/// An in-process silo whose storage provider <see cref="ProviderName"/> talks to Azurite through
/// <see cref="Faults"/>, on a table of its own.
/// </summary>
public abstract class StorageFixture : IAsyncLifetime
{
    public const string ProviderName = "under-test";

    private IHost? _host;

    public FaultInjectingHandler Faults { get; } = new();

    public virtual string TableName { get; } = "gctest" + Guid.NewGuid().ToString("N")[..16];

    public IGrainStorage Storage => Services.GetRequiredKeyedService<IGrainStorage>(ProviderName);

    public IGrainFactory Grains => Services.GetRequiredService<IGrainFactory>();

    /// <summary>The group-commit statistics, or <see langword="null"/> for a provider that has none.</summary>
    public GroupCommitStatistics? Statistics => (Storage as GroupCommitGrainStorage)?.Statistics;

    /// <summary>Hash buckets of the provider; 1 when grains do not share partitions.</summary>
    public virtual int PartitionCount => 1;

    private IServiceProvider Services => _host?.Services ?? throw new InvalidOperationException("The silo is not started.");

    public async ValueTask InitializeAsync()
    {
        var client = Client(TestStorage.ConnectionString);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            AddStorage(silo, client);
        });
        _host = builder.Build();
        await _host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(TimeSpan.FromSeconds(10));
            _host.Dispose();
        }

        await DeleteTablesAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract void AddStorage(ISiloBuilder silo, TableServiceClient client);

    protected virtual async Task DeleteTablesAsync() => await new TableServiceClient(TestStorage.ConnectionString).DeleteTableAsync(TableName);

    /// <summary>A client of the account of <paramref name="connectionString"/> that talks through <see cref="Faults"/>.</summary>
    protected TableServiceClient Client(string connectionString)
    {
        // No client retries: a lost response must reach the provider as it is, not turn into a resent request.
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(Faults)) };
        options.Retry.MaxRetries = 0;
        return new TableServiceClient(connectionString, options);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>Orleans' own <c>AzureTableGrainStorage</c>, the reference behaviour.</summary>
public sealed class AzureTableStorageFixture : StorageFixture
{
    protected override void AddStorage(ISiloBuilder silo, TableServiceClient client) =>
        silo.AddAzureTableGrainStorage(ProviderName, o =>
        {
            o.TableServiceClient = client;
            o.TableName = TableName;
        });
}

/// <summary>The group-commit provider, with few partitions so concurrent writes meet.</summary>
public sealed class GroupCommitStorageFixture : StorageFixture
{
    public override int PartitionCount => 4;

    protected override void AddStorage(ISiloBuilder silo, TableServiceClient client) =>
        silo.AddGroupCommitGrainStorage(ProviderName, o =>
        {
            o.TableServiceClient = client;
            o.TableName = TableName;
            o.PartitionCount = PartitionCount;
        });
}
