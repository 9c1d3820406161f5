using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using WalletGateway.Contracts;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Gateway.Tests;

/// <summary>Raw HTTP helpers for what the protocol client would never send (bad bodies, foreign tokens).</summary>
public static class TestTerminal
{
    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, contentType);
        }

        return request;
    }

    public static async Task<(int Status, JsonElement Body, HttpResponseMessage Response)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body, response);
    }

    /// <summary>Asserts a problem+json answer with the given status and stable type slug.</summary>
    public static JsonElement AssertProblem(int expectedStatus, string expectedSlug, (int Status, JsonElement Body, HttpResponseMessage Response) answer)
    {
        Assert.Equal(expectedStatus, answer.Status);
        Assert.Equal("application/problem+json", answer.Response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("https://walletgateway.dev/problems/" + expectedSlug, answer.Body.GetProperty("type").GetString());
        return answer.Body;
    }

    /// <summary>Opens a session and authenticates: the card is leased to the chip, the first APDUs are out.</summary>
    public static async Task<(SessionOpenedResponse Session, SessionStepResponse First)> OpenAndAuthenticateAsync(
        GatewayClient client, string token, SoftSecureElement chip, string memberId, string accessCode, string issuerId = "demo-card")
    {
        var session = await client.OpenSessionAsync(token, issuerId, chip.ChipId);
        var first = await client.AuthenticateAsync(token, session.SessionId, 0, memberId, accessCode);
        return (session, first);
    }
}
