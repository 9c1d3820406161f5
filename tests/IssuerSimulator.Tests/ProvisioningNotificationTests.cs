using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace WalletGateway.IssuerSimulator.Tests;

public sealed class ProvisioningNotificationTests
{
    private const string ChipId = "0102030405060708090A";

    [Fact]
    public async Task Complete_SameMessageIdTwice_IsAcknowledgedAsDuplicateAndRecordedOnce()
    {
        await using var simulator = await Simulator.StartAsync();
        var body = new { cardRef = "CR-0123456789AB", chipId = ChipId, cardId = "card-1", messageId = "msg-1" };

        using var first = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", body);
        using var second = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", body);

        Assert.Equal(new NotificationAck("msg-1", false), await first.Content.ReadFromJsonAsync<NotificationAck>(Simulator.Ct));
        Assert.Equal(new NotificationAck("msg-1", true), await second.Content.ReadFromJsonAsync<NotificationAck>(Simulator.Ct));
        var notification = Assert.Single(await NotificationsAsync(simulator, Simulator.DemoCard));
        Assert.Equal("complete", notification.Kind);
        Assert.Equal("msg-1", notification.MessageId);
        Assert.Equal("CR-0123456789AB", notification.CardRef);
        Assert.Equal(ChipId, notification.ChipId);
        Assert.Equal("card-1", notification.CardId);
        Assert.Equal(2, notification.Count);
        Assert.Equal(2, (await simulator.StatsAsync(Simulator.DemoCard)).CompleteRequests);
    }

    [Fact]
    public async Task Complete_DistinctMessageIds_AreRecordedSeparately()
    {
        await using var simulator = await Simulator.StartAsync();

        using var first = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", new { cardRef = "CR-1", chipId = ChipId, cardId = "c1", messageId = "a" });
        using var second = await simulator.PostIssuerAsync(Simulator.DemoCard, "provisioning/complete", new { cardRef = "CR-2", chipId = ChipId, cardId = "c2", messageId = "b" });

        var notifications = await NotificationsAsync(simulator, Simulator.DemoCard);
        Assert.Equal(["a", "b"], notifications.Select(n => n.MessageId).Order());
        Assert.All(notifications, n => Assert.Equal(1, n.Count));
        Assert.Empty(await NotificationsAsync(simulator, Simulator.SampleBank));
    }

    [Fact]
    public async Task Abort_RepeatedWithReason_IsRecordedOnceAsAbort()
    {
        await using var simulator = await Simulator.StartAsync();
        var body = new { cardRef = "CR-0123456789AB", chipId = ChipId, cardId = "card-1", messageId = "abort-1", reason = "user cancelled" };

        using var first = await simulator.PostIssuerAsync(Simulator.SampleBank, "provisioning/abort", body);
        using var second = await simulator.PostIssuerAsync(Simulator.SampleBank, "provisioning/abort", body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.True((await second.Content.ReadFromJsonAsync<NotificationAck>(Simulator.Ct))!.Duplicate);
        var notification = Assert.Single(await NotificationsAsync(simulator, Simulator.SampleBank));
        Assert.Equal("abort", notification.Kind);
        Assert.Equal("user cancelled", notification.Reason);
        Assert.Equal(2, notification.Count);
        Assert.Equal(2, (await simulator.StatsAsync(Simulator.SampleBank)).AbortRequests);
    }

    [Theory]
    [InlineData("provisioning/complete", """{"cardRef":"CR-1","chipId":"00","cardId":"c"}""")]
    [InlineData("provisioning/complete", """{"cardRef":"CR-1","chipId":"00","messageId":"m"}""")]
    [InlineData("provisioning/complete", """{"cardRef":"CR-1","chipId":"00","cardId":"c","messageId":" "}""")]
    [InlineData("provisioning/complete", """{"cardRef":"CR-1","chipId":"00","cardId":"c","messageId":7}""")]
    [InlineData("provisioning/abort", """{"cardRef":"CR-1"}""")]
    [InlineData("provisioning/abort", "{")]
    public async Task Notification_MissingOrMistypedField_IsBadRequestAndNotRecorded(string path, string body)
    {
        await using var simulator = await Simulator.StartAsync();

        using var response = await simulator.PostIssuerRawAsync(
            Simulator.DemoCard, path, new StringContent(body, Encoding.UTF8, "application/json"), Simulator.Credential(Simulator.DemoCard));

        await ProblemAssert.IsProblemAsync(response, HttpStatusCode.BadRequest, "invalid-request");
        Assert.Empty(await NotificationsAsync(simulator, Simulator.DemoCard));
    }

    private static async Task<List<NotificationView>> NotificationsAsync(Simulator simulator, string issuerId) =>
        (await simulator.Client.GetFromJsonAsync<List<NotificationView>>($"/admin/issuers/{issuerId}/notifications", Simulator.Ct))!;
}
