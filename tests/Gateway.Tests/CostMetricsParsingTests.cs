using WalletGateway.Hosting;
using WalletGateway.LoadTests;

namespace WalletGateway.Gateway.Tests;

public sealed class CostMetricsParsingTests
{
    [Theory]
    [InlineData("WalletGateway.Grains.Sessions.SessionGrain", "WalletGateway.Grains")]
    [InlineData("System.Net.Http.HttpClient.issuer.LogicalHandler", "System.Net")]
    [InlineData("Polly", "Polly")]
    [InlineData("Orleans.Runtime", "Orleans.Runtime")]
    public void CategoryPrefix_LoggerCategory_KeepsUpToTheSecondDot(string category, string prefix) =>
        Assert.Equal(prefix, LogLineCounter.CategoryPrefix(category));

    [Fact]
    public void PrometheusText_Scrape_SumsByLabels()
    {
        var scrape = PrometheusText.Parse("""
            # TYPE walletgateway_storage_requests_total counter
            walletgateway_storage_requests_total{otel_scope_name="WalletGateway.StorageRequests",op="get",table="Cards"} 3 1700000000000
            walletgateway_storage_requests_total{op="batch",table="$batch"} 2
            walletgateway_storage_requests_total{op="get",table="Cards",note="a \"quoted\", comma"} 4
            dotnet_timer_count 28
            """);

        Assert.Equal(7, scrape.SumBy("walletgateway_storage_requests_total", null, "table", "op")["Cards get"]);
        Assert.Equal(2, scrape.SumBy("walletgateway_storage_requests_total", l => l["op"] == "batch", "table")["$batch"]);
        Assert.Equal(28, scrape.SumBy("dotnet_timer_count", null)[""]);
    }
}
