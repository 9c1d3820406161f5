using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// The audit chain is keyed: someone who can write the storage account (the audit table and the card's own record)
/// rewrites a record and recomputes every hash after it as plain SHA-256, and the trail still does not verify.
/// </summary>
[Collection(OperatorCollection.Name)]
public sealed class AuditChainKeyTests(OperatorFixture fixture)
{
    [Fact]
    public async Task Audit_RecordRewrittenAndUnkeyedChainRecomputedWithHead_VerificationFails()
    {
        var (chip, _, _, _) = await fixture.ProvisionAsync();
        var cardRef = await fixture.CardRefOnChipAsync(chip.ChipId);
        // leased, activated, suspended, resumed: each stored with its change, beside the card's state.
        foreach (var change in new[] { "suspend", "resume" })
        {
            Assert.Equal(200, (await fixture.AdminAsync(HttpMethod.Post, $"admin/cards/demo-card/{cardRef}/{change}",
                new { reason = "lost-phone", requestedBy = "member" })).Status);
        }

        var (audit, rows) = await GrainStateRows.AuditRowsAsync(fixture, cardRef);
        // Record 3 gets another reason; it and every record after it are rehashed as an unkeyed chain would be.
        var (suspended, resumed) = (rows[3], rows[4]);
        var (oldHash3, oldHash4) = (suspended.GetString("Hash"), resumed.GetString("Hash"));
        suspended["Reason"] = "card-found";
        suspended["Hash"] = UnkeyedHash(3, suspended);
        resumed["PreviousHash"] = suspended["Hash"];
        resumed["Hash"] = UnkeyedHash(4, resumed);
        await audit.UpdateEntityAsync(suspended, ETag.All, TableUpdateMode.Replace);
        await audit.UpdateEntityAsync(resumed, ETag.All, TableUpdateMode.Replace);
        // ... and the card's grain state follows (head and its copy of the last record), so no head check can see it.
        // The card's state keeps only the head (the last record's hash).
        Assert.Equal(0, await GrainStateRows.ReplaceAsync(fixture, oldHash3, suspended.GetString("Hash")));
        Assert.Equal(1, await GrainStateRows.ReplaceAsync(fixture, oldHash4, resumed.GetString("Hash")));
        await fixture.RestartGatewayAsync();

        var (_, body, _) = await fixture.AdminAsync(HttpMethod.Get, $"admin/cards/demo-card/{cardRef}/audit");

        var verification = body.GetProperty("verification");
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Equal(3, verification.GetProperty("firstBadSeq").GetInt64());
        Assert.Contains("altered", verification.GetProperty("problem").GetString());
    }

    /// <summary>SHA-256 over the record's fields in the chain's canonical order, as anyone can compute without a key.</summary>
    private static string UnkeyedHash(long seq, TableEntity e)
    {
        var at = DateTimeOffset.Parse(e.GetString("At"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).UtcDateTime;
        var canonical = string.Join('\n',
            seq.ToString(CultureInfo.InvariantCulture), at.ToString("O", CultureInfo.InvariantCulture),
            e.GetString("Event"), e.GetString("Actor"), e.GetString("SessionId") ?? "", e.GetString("ChipId") ?? "",
            e.GetString("CardId") ?? "", e.GetString("Reason") ?? "", e.GetString("PreviousHash"));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
