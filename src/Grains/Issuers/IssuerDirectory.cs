using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// This silo's copy of every issuer: configuration overlaid by the operator-managed registry
/// (<see cref="IIssuerRegistryGrain"/>). Lookups are local and lock-free; the copy refreshes in the
/// background when older than <see cref="IssuerRefreshOptions.RefreshInterval"/>, at once on an unknown id,
/// and at once on the registry's own silo when an operator changes something. Registry passwords arrive encrypted
/// and are decrypted here (<see cref="IssuerSecretProtector"/>); an entry that does not decrypt is disabled.
/// </summary>
public sealed partial class IssuerDirectory(
    IOptionsMonitor<IssuerDirectoryOptions> configured,
    IOptions<IssuerRefreshOptions> refresh,
    IssuerSecretProtector secrets,
    IGrainFactory grains,
    ILogger<IssuerDirectory> logger)
{
    public const string ConfigurationSource = "configuration";
    public const string OperatorSource = "operator";

    private const long NeverRefreshed = -1;

    private readonly Lock _lock = new();
    private readonly TimeSpan _refreshInterval = refresh.Value.RefreshInterval;
    private IssuerRegistrySnapshot _registry = new(0, FrozenDictionary<string, IssuerSettings>.Empty);
    private Merged? _merged;
    private long _lastRefresh = NeverRefreshed;
    private int _refreshing;

    /// <summary>The enabled issuer's options, or null.</summary>
    public IssuerOptions? Find(string issuerId) => FindAny(issuerId) is { Enabled: true } issuer ? issuer : null;

    /// <summary>The issuer's options, enabled or not (notifications still reach a disabled issuer), or null.</summary>
    public IssuerOptions? FindAny(string issuerId)
    {
        RefreshIfStale();
        return Current().Issuers.TryGetValue(issuerId, out var entry) ? entry.Options : null;
    }

    /// <summary>Like <see cref="Find"/>, but asks the registry before saying an id is unknown: a new issuer is usable at once.</summary>
    public async Task<IssuerOptions?> FindAsync(string issuerId)
    {
        // At most one registry call per 200 ms for unknown ids, so a flood of made-up ids cannot funnel into the registry.
        if (!Current().Issuers.ContainsKey(issuerId) && !RefreshedWithin(200))
        {
            await RefreshAsync();
        }

        return Find(issuerId);
    }

    /// <summary>Every issuer with where it comes from, ordered by id.</summary>
    public IReadOnlyList<(string IssuerId, IssuerOptions Options, string Source)> All()
    {
        RefreshIfStale();
        return [.. Current().Issuers.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => (p.Key, p.Value.Options, p.Value.Source))];
    }

    /// <summary>Takes a newer registry snapshot (from a refresh, or from the registry grain on this silo).</summary>
    public void Apply(IssuerRegistrySnapshot snapshot)
    {
        lock (_lock)
        {
            if (snapshot.Version > _registry.Version)
            {
                _registry = snapshot;
                _merged = null;
            }
        }
    }

    public async Task RefreshAsync()
    {
        long known;
        lock (_lock)
        {
            known = _registry.Version;
        }

        if (await grains.GetGrain<IIssuerRegistryGrain>(0).GetSnapshotAsync(known) is { } snapshot)
        {
            Apply(snapshot);
        }

        Volatile.Write(ref _lastRefresh, Environment.TickCount64);
    }

    private void RefreshIfStale()
    {
        if (RefreshedWithin(_refreshInterval.TotalMilliseconds) || Interlocked.Exchange(ref _refreshing, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RefreshAsync();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Keep serving the copy we have; the next lookup tries again after the interval.
                Volatile.Write(ref _lastRefresh, Environment.TickCount64);
                LogRefreshFailed(logger, e.GetType().Name);
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        });
    }

    /// <summary>True when the last refresh is at most <paramref name="milliseconds"/> old; false before the first.</summary>
    private bool RefreshedWithin(double milliseconds)
    {
        var last = Volatile.Read(ref _lastRefresh);
        return last != NeverRefreshed && Environment.TickCount64 - last <= milliseconds;
    }

    private Merged Current()
    {
        var configuration = configured.CurrentValue;
        var merged = Volatile.Read(ref _merged);
        if (merged is not null && ReferenceEquals(merged.Configuration, configuration))
        {
            return merged;
        }

        lock (_lock)
        {
            if (_merged is { } again && ReferenceEquals(again.Configuration, configuration))
            {
                return again;
            }

            var previous = _merged;
            var issuers = new Dictionary<string, Entry>(StringComparer.Ordinal);
            foreach (var (id, options) in configuration.Issuers)
            {
                issuers[id] = new Entry(options, ConfigurationSource, null);
            }

            foreach (var (id, settings) in _registry.Issuers)
            {
                // Keep the same options object while the settings are unchanged, so the issuer's budget keeps its state.
                issuers[id] = previous is not null && previous.Issuers.TryGetValue(id, out var old) && old.Settings == settings
                    ? old
                    : new Entry(OptionsOf(id, settings), OperatorSource, settings);
            }

            _merged = new Merged(configuration, issuers.ToFrozenDictionary(StringComparer.Ordinal));
            return _merged;
        }
    }

    private IssuerOptions OptionsOf(string issuerId, IssuerSettings stored)
    {
        try
        {
            return IssuerSettingsMapping.ToOptions(secrets.Unprotect(issuerId, stored));
        }
        catch (CryptographicException)
        {
            LogUndecryptable(logger, issuerId);
            return IssuerSettingsMapping.ToOptions(stored with { Password = "", Enabled = false });
        }
    }

    private sealed record Entry(IssuerOptions Options, string Source, IssuerSettings? Settings);

    private sealed record Merged(IssuerDirectoryOptions Configuration, FrozenDictionary<string, Entry> Issuers);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Warning, Message = "Refreshing the issuer directory failed ({Exception}); keeping the current copy")]
    private static partial void LogRefreshFailed(ILogger logger, string exception);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "The stored password of issuer {IssuerId} does not decrypt under WalletGateway:Secrets:Key (another key, or the entry was altered in storage); the issuer is disabled until an operator sends its password again")]
    private static partial void LogUndecryptable(ILogger logger, string issuerId);
}
