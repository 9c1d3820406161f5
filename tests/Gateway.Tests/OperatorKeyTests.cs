using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace WalletGateway.Gateway.Tests;

/// <summary>The operator key is checked before anything else of the request, and the operator can revoke a device.</summary>
[Collection(OperatorCollection.Name)]
public sealed class OperatorKeyTests(OperatorFixture fixture)
{
    [Theory]
    [InlineData("admin/issuers")]
    [InlineData("admin/devices/00112233445566778899aabbccddeeff/revoke")]
    public async Task Admin_NoKeyAndMalformedJson_Answers401(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{not json", Encoding.UTF8, "application/json") };
        using var response = await fixture.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("invalid-api-key", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task RevokedDevice_TokenRefusedAtOnce()
    {
        var token = await fixture.RegisterDeviceAsync();
        var deviceId = token[..32];
        Assert.NotEqual(HttpStatusCode.Unauthorized, await CardsStatusAsync(token));

        var (status, _, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/devices/{deviceId}/revoke");
        Assert.Equal(204, status);
        Assert.Equal(HttpStatusCode.Unauthorized, await CardsStatusAsync(token));

        var (unknown, _, _) = await fixture.AdminAsync(HttpMethod.Post, $"admin/devices/{Guid.NewGuid():N}/revoke");
        Assert.Equal(404, unknown);
    }

    private async Task<HttpStatusCode> CardsStatusAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/cards?chipId=00112233445566778899");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await fixture.Gateway.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
