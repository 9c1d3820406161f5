using System.Diagnostics.Metrics;

namespace WalletGateway.Grains.Issuers;

/// <summary>Calls to issuers' systems: latency by issuer and operation, errors by kind.</summary>
public sealed class IssuerMetrics
{
    public const string MeterName = "WalletGateway.Issuers";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _credentialRejected;

    public IssuerMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _duration = meter.CreateHistogram<double>("walletgateway.issuer.call.duration", "s",
            "Time of one HTTP call to an issuer (after its budget admitted it), by issuer, operation and outcome.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        _errors = meter.CreateCounter<long>("walletgateway.issuer.errors", "{call}",
            "Issuer calls that failed: status (5xx/429), unreachable (timeout, connection, open circuit), unusable (answer not understood), credential (the gateway's credential refused).");
        _credentialRejected = meter.CreateCounter<long>("walletgateway.issuer.credential.rejected", "{call}",
            "Issuer calls refused because the issuer did not accept the gateway's own credential: an operator must fix the issuer's settings.");
    }

    public void Called(string issuerId, string operation, string outcome, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("issuer", issuerId),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", outcome));

    public void CredentialRejected(string issuerId, string operation)
    {
        Error(issuerId, operation, "credential");
        if (_credentialRejected.Enabled)
        {
            _credentialRejected.Add(1,
                new KeyValuePair<string, object?>("issuer", issuerId),
                new KeyValuePair<string, object?>("operation", operation));
        }
    }

    public void Error(string issuerId, string operation, string kind) =>
        _errors.Add(1,
            new KeyValuePair<string, object?>("issuer", issuerId),
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("kind", kind));
}
