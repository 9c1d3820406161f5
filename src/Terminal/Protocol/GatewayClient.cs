using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WalletGateway.Contracts;

namespace WalletGateway.Terminal.Protocol;

/// <summary>
/// The terminal protocol (<c>/v1</c>, docs/terminal-protocol.md) as the app speaks it.
/// Holds no state of its own: one instance can serve many devices and sessions at once.
/// </summary>
/// <param name="http">A client whose <see cref="HttpClient.BaseAddress"/> is the gateway root, e.g. <c>http://127.0.0.1:5080/</c>.</param>
/// <remarks>
/// Every method throws <see cref="GatewayProblemException"/> when the gateway answers with a non-success status,
/// and <see cref="System.Text.Json.JsonException"/> when a success answer does not hold what the protocol says.
/// </remarks>
public sealed partial class GatewayClient(HttpClient http)
{
    private static readonly GatewayJsonContext Json = GatewayJsonContext.Default;

    private readonly HttpClient _http = http ?? throw new ArgumentNullException(nameof(http));

    /// <summary>Registers this device: <c>POST /v1/devices</c>.</summary>
    public Task<DeviceRegisteredResponse> RegisterDeviceAsync(string model, string osVersion, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/devices", deviceToken: null,
            JsonContent.Create(new RegisterDeviceRequest(model, osVersion), Json.RegisterDeviceRequest),
            Json.DeviceRegisteredResponse, ct);

    /// <summary>Lists the issuers a member can pick: <c>GET /v1/issuers</c>.</summary>
    public Task<IReadOnlyList<IssuerResponse>> ListIssuersAsync(CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, "v1/issuers", deviceToken: null, content: null, Json.IReadOnlyListIssuerResponse, ct);

    /// <summary>Opens a provisioning session for the chip: <c>POST /v1/sessions</c>.</summary>
    /// <param name="deviceToken">The device's bearer token.</param>
    /// <param name="issuerId">The issuer the member picked.</param>
    /// <param name="chipId">The chip's KDD, 20 hex digits.</param>
    /// <param name="ct">Cancels the call.</param>
    public Task<SessionOpenedResponse> OpenSessionAsync(string deviceToken, string issuerId, string chipId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, "v1/sessions", deviceToken,
            JsonContent.Create(new OpenSessionRequest(issuerId, chipId), Json.OpenSessionRequest),
            Json.SessionOpenedResponse, ct);

    /// <summary>
    /// Sends the member's credentials to the issuer through the gateway (step <paramref name="seq"/>, 0):
    /// <c>POST /v1/sessions/{id}/authenticate</c>. A wrong code is a 401 with <see cref="GatewayProblemException.AttemptsLeft"/>.
    /// </summary>
    public async Task<SessionStepResponse> AuthenticateAsync(
        string deviceToken, string sessionId, int seq, string memberId, string accessCode, CancellationToken ct = default) =>
        Checked(await SendAsync(HttpMethod.Post, SessionPath(sessionId, "/authenticate"), deviceToken,
            JsonContent.Create(new AuthenticateRequest(seq, memberId, accessCode), Json.AuthenticateRequest),
            Json.SessionStepResponse, ct));

    /// <summary>
    /// Returns the chip's responses to the APDUs of step <paramref name="seq"/>:
    /// <c>POST /v1/sessions/{id}/relay</c>. Sending the same step again gets the same answer again.
    /// </summary>
    public async Task<SessionStepResponse> RelayAsync(
        string deviceToken, string sessionId, int seq, IReadOnlyList<string> responses, CancellationToken ct = default) =>
        Checked(await SendAsync(HttpMethod.Post, SessionPath(sessionId, "/relay"), deviceToken,
            JsonContent.Create(new RelayRequest(seq, responses), Json.RelayRequest),
            Json.SessionStepResponse, ct));

    /// <summary>Aborts the session and releases the card: <c>DELETE /v1/sessions/{id}</c>, answered with 204.</summary>
    public async Task AbortAsync(string deviceToken, string sessionId, CancellationToken ct = default)
    {
        using var request = CreateRequest(HttpMethod.Delete, SessionPath(sessionId), deviceToken, content: null);
        using var response = await _http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Looks at a session: <c>GET /v1/sessions/{id}</c>.</summary>
    public Task<SessionStateResponse> GetSessionAsync(string deviceToken, string sessionId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, SessionPath(sessionId), deviceToken, content: null, Json.SessionStateResponse, ct);

    private async Task<T> SendAsync<T>(
        HttpMethod method, string path, string? deviceToken, HttpContent? content, JsonTypeInfo<T> responseType, CancellationToken ct)
    {
        using var request = CreateRequest(method, path, deviceToken, content);
        using var response = await _http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync(responseType, ct)
            ?? throw new JsonException($"The gateway answered {(int)response.StatusCode} to {method} {path} with a null body.");
    }

    private static HttpRequestMessage CreateRequest(HttpMethod method, string path, string? deviceToken, HttpContent? content)
    {
        // Relative paths, so a gateway mounted under a path prefix works as well as one at the root.
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (deviceToken is not null)
        {
            // Per request, never on DefaultRequestHeaders: one HttpClient may carry many devices.
            request.Headers.Authorization = new("Bearer", deviceToken);
        }

        return request;
    }

    private static string SessionPath(string sessionId, string action = "") =>
        $"v1/sessions/{Uri.EscapeDataString(sessionId)}{action}";

    private static SessionStepResponse Checked(SessionStepResponse step)
    {
        if (step.Done && step.Result is null)
        {
            throw new JsonException($"The gateway finished step {step.Seq} without a result.");
        }

        // A step that is not done but has nothing to relay would make the relay loop spin.
        if (!step.Done && step.ApdusOrEmpty.Count == 0)
        {
            throw new JsonException($"The gateway asked for step {step.Seq} without any APDU.");
        }

        return step;
    }
}
