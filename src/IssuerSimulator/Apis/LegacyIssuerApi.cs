using System.Xml.Linq;

namespace WalletGateway.IssuerSimulator;

/// <summary>
/// The same issuers as an older card system would expose them, for gateways configured with the <c>Legacy</c>
/// protocol: form-encoded POSTs with the credential in the form (<c>USERID</c>, <c>PASSWD</c>), always HTTP 200
/// with the system's own response code (injected faults still answer 503, as the web front of a down system would).
/// </summary>
/// <remarks>
/// <c>cgi-bin/auth</c> (<c>MBRID</c>, <c>ACODE</c>) answers fixed-field text: RC(2) CARDREF(20) PAN(19) EXPIRY(6,
/// YYYYMM) NAME(26) KEY(32); on error RC(2) and a message. <c>cgi-bin/notify</c> (<c>TXN</c> ACTV|ABRT|SUSP|RESM|DELT,
/// <c>MSGID</c>, <c>CARDREF</c>, <c>CHIPID</c>, <c>CARDID</c>, <c>RSN</c>, <c>RQBY</c>) answers
/// <c>&lt;NOTIFYRESP&gt;&lt;RC/&gt;&lt;MSGID/&gt;&lt;DUP&gt;Y|N&lt;/DUP&gt;&lt;/NOTIFYRESP&gt;</c>.
/// Codes: 00 approved, 30 format error, 55 wrong or used access code, 63 security violation (credential).
/// </remarks>
public static class LegacyIssuerApi
{
    private static readonly Dictionary<string, string> Transactions = new(StringComparer.Ordinal)
    {
        ["ACTV"] = "complete", ["ABRT"] = "abort", ["SUSP"] = "suspend", ["RESM"] = "resume", ["DELT"] = "delete",
    };

    public static RouteGroupBuilder MapLegacyIssuerApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/issuers/{issuerId}/cgi-bin").WithTags("Legacy issuer");
        api.MapPost("/auth", AuthenticateAsync)
            .WithMetadata(new IssuerEndpointMetadata(IssuerOperation.Authenticate, CredentialInForm: true))
            .WithName("LegacyAuthenticate")
            .WithSummary("Legacy: authenticate a member (form in, fixed-field text out)");
        api.MapPost("/notify", NotifyAsync)
            .WithMetadata(new IssuerEndpointMetadata(IssuerOperation.Lifecycle, CredentialInForm: true))
            .WithName("LegacyNotify")
            .WithSummary("Legacy: provisioning and lifecycle notices (form in, XML out), idempotent on MSGID");
        return api;
    }

    internal static async Task<IResult> AuthenticateAsync(string issuerId, HttpRequest request, [AsParameters] IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        var form = await ReadFormAsync(request);
        if (form is null || !HasCredential(form, issuer))
        {
            return Fixed(form is null ? "30" : Refused(issuer, services), form is null ? "FORMAT ERROR" : "SECURITY VIOLATION");
        }

        string memberId = form["MBRID"].ToString(), accessCode = form["ACODE"].ToString();
        if (memberId.Length == 0 || accessCode.Length == 0)
        {
            return Fixed("30", "FORMAT ERROR");
        }

        var member = issuer.FindMember(memberId);
        if (member is null || !member.TryConsumeAccessCode(accessCode))
        {
            issuer.Stats.FailedAuthentication();
            Log.AuthenticationRefused(services.Logger, issuerId, memberId);
            return Fixed("55", "INVALID ACCESS CODE");
        }

        var card = member.Card;
        Log.MemberAuthenticated(services.Logger, issuerId, member.MemberId, card.CardRef);
        return TypedResults.Text(
            "00" + Field(card.CardRef, 20) + Field(card.CardNumber, 19) + card.Expiry.Replace("-", "", StringComparison.Ordinal)
            + Field(card.CardholderName, 26) + Field(card.PaymentKey, 32),
            "text/plain");
    }

    internal static async Task<IResult> NotifyAsync(string issuerId, HttpRequest request, [AsParameters] IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        var form = await ReadFormAsync(request);
        var messageId = form?["MSGID"].ToString() ?? "";
        if (form is null || !HasCredential(form, issuer))
        {
            return Xml(form is null ? "30" : Refused(issuer, services), messageId, duplicate: false);
        }

        var cardRef = form["CARDREF"].ToString();
        if (messageId.Length is 0 or > 200 || cardRef.Length is 0 or > 200 || !Transactions.TryGetValue(form["TXN"].ToString(), out var kind))
        {
            return Xml("30", messageId, duplicate: false);
        }

        var notice = new ProvisioningNotice(cardRef, Optional(form["CHIPID"]), Optional(form["CARDID"]), messageId, Optional(form["RSN"]));
        var duplicate = !issuer.Record(kind, notice, services.Time.GetUtcNow());
        Log.NotificationReceived(services.Logger, issuerId, kind, messageId, cardRef, duplicate);
        return Xml("00", messageId, duplicate);
    }

    private static async Task<IFormCollection?> ReadFormAsync(HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return await request.ReadFormAsync();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static bool HasCredential(IFormCollection form, Issuer issuer) =>
        issuer.HasCredential(System.Text.Encoding.UTF8.GetBytes(form["USERID"].ToString()), System.Text.Encoding.UTF8.GetBytes(form["PASSWD"].ToString()));

    private static string Refused(Issuer issuer, IssuerServices services)
    {
        issuer.Stats.BadCredentials();
        Log.BadCredentials(services.Logger, issuer.Id);
        return "63";
    }

    private static string? Optional(Microsoft.Extensions.Primitives.StringValues value) => value.ToString() is { Length: > 0 } text ? text : null;

    private static string Field(string value, int length) =>
        value.Length >= length ? value[..length] : value.PadRight(length, ' ');

    private static IResult Fixed(string code, string message) => TypedResults.Text(code + Field(message, 40), "text/plain");

    private static IResult Xml(string code, string messageId, bool duplicate) =>
        TypedResults.Text(
            new XElement("NOTIFYRESP",
                new XElement("RC", code),
                new XElement("MSGID", messageId),
                new XElement("DUP", duplicate ? "Y" : "N")).ToString(SaveOptions.DisableFormatting),
            "application/xml");
}
