using WalletGateway.Hosting;

namespace WalletGateway.Gateway.Tests;

public sealed class StorageRequestCounterTests
{
    [Theory]
    [InlineData("GET", "/devstoreaccount1/Cards(PartitionKey='p',RowKey='r')", false, "Cards", "get")]
    [InlineData("GET", "/devstoreaccount1/Cards()", false, "Cards", "query")]
    [InlineData("GET", "/Cards", false, "Cards", "query")]
    [InlineData("POST", "/devstoreaccount1/Cards", false, "Cards", "insert")]
    [InlineData("POST", "/devstoreaccount1/$batch", false, "$batch", "batch")]
    [InlineData("PUT", "/devstoreaccount1/Cards(PartitionKey='p',RowKey='r')", true, "Cards", "update")]
    [InlineData("PUT", "/devstoreaccount1/Cards(PartitionKey='p',RowKey='r')", false, "Cards", "upsert")]
    [InlineData("PATCH", "/devstoreaccount1/Cards(PartitionKey='p',RowKey='r')", true, "Cards", "merge")]
    [InlineData("MERGE", "/devstoreaccount1/Cards(PartitionKey='p',RowKey='r')", false, "Cards", "merge-upsert")]
    [InlineData("DELETE", "/devstoreaccount1/Cards(PartitionKey='p',RowKey='r')", true, "Cards", "delete")]
    [InlineData("POST", "/devstoreaccount1/Tables", false, "Tables", "create-table")]
    [InlineData("GET", "/devstoreaccount1/Tables", false, "Tables", "query-tables")]
    [InlineData("DELETE", "/devstoreaccount1/Tables('Cards')", false, "Tables", "delete-table")]
    public void Classify_TableRequest_NamesTableAndOperation(string method, string path, bool ifMatch, string table, string op) =>
        Assert.Equal((table, op), StorageRequestCounter.Classify(method, path, ifMatch));
}
