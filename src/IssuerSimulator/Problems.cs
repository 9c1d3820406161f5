using Microsoft.AspNetCore.Http.HttpResults;

namespace WalletGateway.IssuerSimulator;

/// <summary>The simulator's problem responses (RFC 9457) and their stable type URIs.</summary>
internal static class Problems
{
    public const string TypeBase = "https://walletgateway.dev/problems/issuer/";
    public const string InvalidAccessCodeType = TypeBase + "invalid-access-code";
    public const string BadCredentialsType = TypeBase + "bad-credentials";
    public const string UnknownIssuerType = TypeBase + "unknown-issuer";
    public const string UnknownMemberType = TypeBase + "unknown-member";
    public const string UnavailableType = TypeBase + "unavailable";
    public const string InvalidRequestType = TypeBase + "invalid-request";

    public static ProblemHttpResult InvalidAccessCode() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            type: InvalidAccessCodeType,
            title: "Invalid access code",
            detail: "The member id or access code is wrong, or the code was already used.");

    public static ProblemHttpResult BadCredentials() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            type: BadCredentialsType,
            title: "Bad credentials",
            detail: "The request carries no or wrong HTTP Basic credentials for this issuer.");

    public static ProblemHttpResult UnknownIssuer(string issuerId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            type: UnknownIssuerType,
            title: "Unknown issuer",
            detail: $"There is no issuer '{issuerId}'.");

    public static ProblemHttpResult UnknownMember(string memberId) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            type: UnknownMemberType,
            title: "Unknown member",
            detail: $"There is no member '{memberId}'.");

    public static ProblemHttpResult Unavailable() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            type: UnavailableType,
            title: "Issuer unavailable",
            detail: "The issuer's system is not available (injected fault).");

    public static ProblemHttpResult NoticeRefused(int status) =>
        TypedResults.Problem(
            statusCode: status,
            type: InvalidRequestType,
            title: "Notice refused",
            detail: "The issuer refuses this notice (injected fault).");

    public static ValidationProblem Invalid(Dictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, type: InvalidRequestType, title: "Invalid request");
}
