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
        var (table, rows, cardRef) = await StoredTrailAsync();
        var entity = rows[2];
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
        var (table, rows, cardRef) = await StoredTrailAsync();
        await table.DeleteEntityAsync(rows[2].PartitionKey, rows[2].RowKey);

        var (_, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}/audit");

        var verification = body.GetProperty("verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(2, verification.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains("missing", verification.GetProperty("problem").GetString());
    }

    /// <summary>A provisioned card and its two records (lease, activation), stored beside its state.</summary>
    private async Task<(TableClient Table, Dictionary<long, TableEntity> Rows, string CardRef)> StoredTrailAsync()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        var (table, rows) = await GrainStateRows.AuditRowsAsync(fixture, cardRef);
        Assert.Equal([1L, 2L], rows.Keys.Order());
        return (table, rows, cardRef);
    }
}
