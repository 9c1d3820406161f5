using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletGateway.Grains;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Gateway.Tests;

/// <summary>Every change of a card leaves a hash-chained record; editing or removing one in Azure Table is detected.</summary>
[Collection(OperatorCollection.Name)]
public sealed class AuditTrailTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Audit_ProvisionedAndSuspended_ChainOfLeaseActivationSuspensionVerifies()
    {
        var (chip, result, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/suspend", new { reason = "lost-phone", requestedBy = "member" });

        var (status, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}/audit");

        Assert.Equal(200, status);
        Assert.True(body.GetProperty("verification").GetProperty("valid").GetBoolean());
        var records = body.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(["leased", "activated", "suspended"], records.Select(r => r.GetProperty("event").GetString()));
        Assert.StartsWith("device:", records[0].GetProperty("actor").GetString());
        Assert.Equal(records[0].GetProperty("sessionId").GetString(), records[1].GetProperty("sessionId").GetString());
        Assert.Equal(result.CardId, records[1].GetProperty("cardId").GetString());
        Assert.Equal("lost-phone", records[2].GetProperty("reason").GetString());
        Assert.Equal(records[1].GetProperty("hash").GetString(), records[2].GetProperty("previousHash").GetString());
    }

    [Fact]
    public async Task Audit_RecordEditedInAzureTable_VerificationFailsAtThatRecord()
    {
        var (table, partition, cardRef) = await ExportedTrailAsync();
        var entity = (await table.GetEntityAsync<TableEntity>(partition, AuditLog.RowKey(2))).Value;
        entity["Actor"] = "device:someone-else";
        await table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace);

        var (_, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}/audit");

        var verification = body.GetProperty("verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains("altered", verification.GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Audit_RecordRemovedFromAzureTable_VerificationSaysMissing()
    {
        var (table, partition, cardRef) = await ExportedTrailAsync();
        await table.DeleteEntityAsync(partition, AuditLog.RowKey(2));

        var (_, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}/audit");

        var verification = body.GetProperty("verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains("missing", verification.GetProperty("problem").GetString());
    }

    /// <summary>A provisioned card whose two records (lease, activation) are in the audit table.</summary>
    private async Task<(TableClient Table, string Partition, string CardRef)> ExportedTrailAsync()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var options = fixture.GatewayServices.GetRequiredService<IOptions<AuditOptions>>().Value;
        var table = new TableClient(Environment.GetEnvironmentVariable("WALLETGATEWAY_TEST_STORAGE"), options.TableName);
        var partition = AuditLog.PartitionKey(CardKey.For("demo-card", cardRef));
        await Eventually.TrueAsync(async () =>
        {
            var count = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition))
            {
                count++;
            }

            return count == 2;
        });
        return (table, partition, cardRef);
    }
}
