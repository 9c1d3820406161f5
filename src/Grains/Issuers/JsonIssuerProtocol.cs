using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>
/// The gateway's JSON issuer interface: HTTP Basic credentials, status codes for errors. A 401 that
/// challenges for Basic credentials (<c>WWW-Authenticate: Basic</c>), or a 403, refuses the gateway's credential;
/// any other 401 refuses the member's access code.
/// </summary>
public sealed class JsonIssuerProtocol : IIssuerProtocol
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => IssuerProtocols.Json;

    public HttpRequestMessage CreateAuthenticate(IssuerOptions issuer, string memberId, string accessCode) =>
        Post(issuer, "members/authenticate", new { memberId, accessCode });

    public async Task<IssuerAnswer> ReadAuthenticateAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        EnsureCredentialAccepted(response);
        if (response.StatusCode is HttpStatusCode.Unauthorized)
        {
            throw new IssuerCallException(IssuerCallFailure.InvalidAccessCode, "The issuer refused the access code.");
        }

        EnsureSuccess(response);
        try
        {
            return await response.Content.ReadFromJsonAsync<IssuerAnswer>(Json, cancellationToken)
                ?? throw new IssuerCallException(IssuerCallFailure.Unavailable, "The issuer's answer is empty.");
        }
        catch (JsonException)
        {
            throw new IssuerCallException(IssuerCallFailure.Unavailable, "The issuer's answer is not JSON.");
        }
    }

    public HttpRequestMessage CreateNotice(IssuerOptions issuer, IssuerNotice n) => n.Kind switch
    {
        IssuerNoticeKinds.Complete => Post(issuer, "provisioning/complete", new { n.CardRef, n.ChipId, n.CardId, n.MessageId }),
        IssuerNoticeKinds.Abort => Post(issuer, "provisioning/abort", new { n.CardRef, n.ChipId, n.CardId, n.MessageId, n.Reason }),
        _ => Post(issuer, "cards/lifecycle", new { n.CardRef, n.ChipId, n.CardId, n.MessageId, @event = n.Kind, n.Reason, n.RequestedBy }),
    };

    public Task ReadNoticeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        EnsureCredentialAccepted(response);
        EnsureSuccess(response);
        return Task.CompletedTask;
    }

    private static HttpRequestMessage Post(IssuerOptions issuer, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(issuer.BaseUrl!, path)) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{issuer.Username}:{issuer.Password}")));
        return request;
    }

    private static void EnsureCredentialAccepted(HttpResponseMessage response)
    {
        if (response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode is HttpStatusCode.Unauthorized
                && response.Headers.WwwAuthenticate.Any(c => string.Equals(c.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))))
        {
            throw new IssuerCallException(IssuerCallFailure.CredentialRejected, $"The issuer refused the gateway's credential ({(int)response.StatusCode}).");
        }
    }

    private static void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new IssuerCallException(IssuerCallFailure.Unavailable, $"The issuer answered {(int)response.StatusCode}.") { Status = (int)response.StatusCode };
        }
    }
}
