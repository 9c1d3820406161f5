namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A gateway with tight edge limits, trusted networks behind a trusted proxy (tests choose their
/// client address with X-Forwarded-For) and a small ceiling toward <c>sample-bank</c>.
/// </summary>
public sealed class LimitsFixture : GatewayFixture
{
    public const int SampleBankMaxConcurrent = 4;
    public const int SampleBankMaxPerSecond = 10;

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["WalletGateway:Edge:TrustedProxies:0"] = "127.0.0.1";
        settings["WalletGateway:Edge:TrustedNetworks:0"] = "10.0.0.0/8";
        settings["WalletGateway:Edge:RequestsPerSecondPerAddress"] = "20";
        settings["WalletGateway:Edge:BurstPerAddress"] = "40";
        settings["WalletGateway:Issuers:sample-bank:MaxConcurrentCalls"] = SampleBankMaxConcurrent.ToString();
        settings["WalletGateway:Issuers:sample-bank:MaxCallsPerSecond"] = SampleBankMaxPerSecond.ToString();
        settings["WalletGateway:Issuers:sample-bank:TargetLatency"] = "00:00:00.200";
        settings["WalletGateway:Issuers:sample-bank:MaxQueueWait"] = "00:00:00.500";
    }
}

[CollectionDefinition(Name)]
public sealed class LimitsCollection : ICollectionFixture<LimitsFixture>
{
    public const string Name = "limits";
}

/// <summary>A gateway that sheds new work above four requests in flight.</summary>
public sealed class SheddingFixture : GatewayFixture
{
    public const int ShedAbove = 4;

    protected override void Configure(IDictionary<string, string?> settings) =>
        settings["WalletGateway:Edge:ShedNewWorkAboveInFlight"] = ShedAbove.ToString();
}

[CollectionDefinition(Name)]
public sealed class SheddingCollection : ICollectionFixture<SheddingFixture>
{
    public const string Name = "shedding";
}
