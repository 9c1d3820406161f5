using System.Diagnostics.Metrics;

namespace WalletGateway.Grains.Interfaces;

/// <summary>Rejections by limiter layer (device, member, chip, address, registration, network, issuer, shedding).</summary>
public sealed class LimiterMetrics
{
    public const string MeterName = "WalletGateway.Limits";

    private readonly Counter<long> _rejections;

    public LimiterMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _rejections = meter.CreateCounter<long>("walletgateway.limiter.rejections", "{request}", "Requests refused by a limiter, by layer.");
    }

    public void Rejected(string layer) => _rejections.Add(1, new KeyValuePair<string, object?>("layer", layer));
}
