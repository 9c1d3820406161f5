using Microsoft.AspNetCore.Http.HttpResults;

namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Development and load-test controls: create members and codes, read what the issuers
/// received, statistics and fault injection. Unauthenticated by design: never expose it.
/// </summary>
public static class AdminApi
{
    private const int MaxMembersPerCall = 10_000;
    private const int MaxLatencyMs = 600_000;

    public static RouteGroupBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/admin").WithTags("Admin");

        api.MapGet("/issuers", GetIssuers)
            .WithName("GetIssuers")
            .WithSummary("The issuers this simulator serves (never their credentials)");
        api.MapPost("/issuers", AddIssuer)
            .WithName("AddIssuer")
            .WithSummary("Start serving one more issuer (for onboarding demos); its credential is never returned");
        api.MapPost("/issuers/{issuerId}/members", CreateMembers)
            .WithName("CreateMembers")
            .WithSummary("Create members, each with one card and a one-time access code");
        api.MapPost("/issuers/{issuerId}/members/{memberId}/codes", IssueAccessCode)
            .WithName("IssueAccessCode")
            .WithSummary("Issue a new one-time access code; the previous unused one stops working");
        api.MapPut("/issuers/{issuerId}/members/{memberId}/card", OverrideCard)
            .WithName("OverrideCard")
            .WithSummary("Make the issuer answer other card data for a member (unchecked: for tests of bad issuer data)");
        api.MapPost("/issuers/{issuerId}/members/{memberId}/card/renew", RenewCard)
            .WithName("RenewCard")
            .WithSummary("Renew a member's card (same reference and number, new expiry and payment key) and issue a one-time access code");
        api.MapDelete("/issuers/{issuerId}/members/{memberId}/card", RestoreCard)
            .WithName("RestoreCard")
            .WithSummary("Make the issuer answer the member's issued card again");
        api.MapGet("/issuers/{issuerId}/notifications", GetNotifications)
            .WithName("GetNotifications")
            .WithSummary("The completion and abort notifications an issuer received, by message id");
        api.MapGet("/stats", GetStats)
            .WithName("GetStats")
            .WithSummary("What each issuer saw on its issuer endpoints");
        api.MapPost("/stats/reset", ResetStats)
            .WithName("ResetStats")
            .WithSummary("Reset all statistics");
        api.MapGet("/faults", GetFaults)
            .WithName("GetFaults")
            .WithSummary("The faults currently injected");
        api.MapPost("/faults", SetFault)
            .WithName("SetFault")
            .WithSummary("Make an issuer slow, partly failing or down");
        api.MapDelete("/faults/{issuerId}", ClearFault)
            .WithName("ClearFault")
            .WithSummary("Clear an issuer's fault");

        return api;
    }

    internal static Ok<IReadOnlyList<IssuerView>> GetIssuers([AsParameters] IssuerServices services) =>
        TypedResults.Ok<IReadOnlyList<IssuerView>>([.. services.Directory.All.Select(i => new IssuerView(i.Id, i.DisplayName, i.CardPrefix))]);

    internal static Results<Created<IssuerView>, ProblemHttpResult, ValidationProblem> AddIssuer(
        IssuerOptions request,
        [AsParameters] IssuerServices services)
    {
        var validation = new IssuerSimulatorOptionsValidator().Validate(null, new IssuerSimulatorOptions { Issuers = [request] });
        if (validation.Failed)
        {
            return Problems.Invalid(new Dictionary<string, string[]> { ["issuer"] = [.. validation.Failures] });
        }

        if (!services.Directory.TryAdd(request))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, type: Problems.TypeBase + "issuer-exists",
                title: "Issuer exists", detail: $"The simulator already serves '{request.Id}'.");
        }

        services.Directory.TryGet(request.Id, out var issuer);
        return TypedResults.Created($"/admin/issuers/{request.Id}", new IssuerView(issuer!.Id, issuer.DisplayName, issuer.CardPrefix));
    }

    internal static Results<Created<IReadOnlyList<MemberAccess>>, ProblemHttpResult, ValidationProblem> CreateMembers(
        string issuerId,
        CreateMembersRequest request,
        [AsParameters] IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        var validation = new Validation()
            .Check(request.Count is >= 1 and <= MaxMembersPerCall, "count", $"'count' must be between 1 and {MaxMembersPerCall}.");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        var now = services.Time.GetUtcNow();
        var created = new MemberAccess[request.Count];
        for (var i = 0; i < created.Length; i++)
        {
            var member = issuer.AddMember(now, out var accessCode);
            created[i] = new MemberAccess(member.MemberId, accessCode);
        }

        Log.MembersCreated(services.Logger, issuerId, created.Length);
        return TypedResults.Created((string?)null, (IReadOnlyList<MemberAccess>)created);
    }

    internal static Results<Created<AccessCodeResponse>, ProblemHttpResult> IssueAccessCode(
        string issuerId,
        string memberId,
        [AsParameters] IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        var member = issuer.FindMember(memberId);
        if (member is null)
        {
            return Problems.UnknownMember(memberId);
        }

        var accessCode = Secrets.NewAccessCode();
        member.ReplaceAccessCode(accessCode);
        Log.AccessCodeIssued(services.Logger, issuerId, memberId);
        return TypedResults.Created((string?)null, new AccessCodeResponse(accessCode));
    }

    internal static Results<NoContent, ProblemHttpResult> OverrideCard(
        string issuerId,
        string memberId,
        CardOverride request,
        [AsParameters] IssuerServices services) =>
        WithMember(issuerId, memberId, services, member =>
        {
            var issued = member.IssuedCard;
            member.OverrideCard(new IssuedCard(
                request.CardRef ?? issued.CardRef,
                request.CardNumber ?? issued.CardNumber,
                request.Expiry ?? issued.Expiry,
                request.CardholderName ?? issued.CardholderName,
                request.PaymentKey ?? issued.PaymentKey));
        });

    internal static Results<Ok<RenewedCard>, ProblemHttpResult> RenewCard(string issuerId, string memberId, [AsParameters] IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        if (issuer.FindMember(memberId) is not { } member)
        {
            return Problems.UnknownMember(memberId);
        }

        var renewed = CardFactory.Renew(member.IssuedCard, issuer.CardValidityYears, services.Time.GetUtcNow());
        member.Renew(renewed);
        var accessCode = Secrets.NewAccessCode();
        member.ReplaceAccessCode(accessCode);
        Log.CardRenewed(services.Logger, issuerId, memberId, renewed.CardRef);
        return TypedResults.Ok(new RenewedCard(renewed.CardRef, renewed.CardNumber[^4..], renewed.Expiry, accessCode));
    }

    internal static Results<NoContent, ProblemHttpResult> RestoreCard(string issuerId, string memberId, [AsParameters] IssuerServices services) =>
        WithMember(issuerId, memberId, services, member => member.OverrideCard(null));

    private static Results<NoContent, ProblemHttpResult> WithMember(string issuerId, string memberId, IssuerServices services, Action<Member> change)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        if (issuer.FindMember(memberId) is not { } member)
        {
            return Problems.UnknownMember(memberId);
        }

        change(member);
        Log.CardOverridden(services.Logger, issuerId, memberId);
        return TypedResults.NoContent();
    }

    internal static Results<Ok<IReadOnlyList<NotificationView>>, ProblemHttpResult> GetNotifications(
        string issuerId,
        [AsParameters] IssuerServices services) =>
        services.Directory.TryGet(issuerId, out var issuer)
            ? TypedResults.Ok(issuer.Notifications())
            : Problems.UnknownIssuer(issuerId);

    internal static Ok<StatsResponse> GetStats([AsParameters] IssuerServices services) =>
        TypedResults.Ok(new StatsResponse(services.Directory.All.ToDictionary(i => i.Id, i => i.Stats.Snapshot(), StringComparer.Ordinal)));

    internal static NoContent ResetStats([AsParameters] IssuerServices services)
    {
        foreach (var issuer in services.Directory.All)
        {
            issuer.Stats.Reset();
        }

        Log.StatsReset(services.Logger);
        return TypedResults.NoContent();
    }

    internal static Ok<IReadOnlyList<FaultSettings>> GetFaults([AsParameters] IssuerServices services) =>
        TypedResults.Ok<IReadOnlyList<FaultSettings>>([.. services.Directory.All.Select(i => i.Fault).OfType<FaultSettings>()]);

    internal static Results<Ok<FaultSettings>, ProblemHttpResult, ValidationProblem> SetFault(
        FaultSettings fault,
        [AsParameters] IssuerServices services)
    {
        var validation = new Validation()
            .Required("issuerId", fault.IssuerId)
            .Check(fault.LatencyMs is >= 0 and <= MaxLatencyMs, "latencyMs", $"'latencyMs' must be between 0 and {MaxLatencyMs}.")
            .Check(fault.FailureRate is >= 0 and <= 1, "failureRate", "'failureRate' must be between 0 and 1.")
            .Check(fault.RefuseNotices is 0 or (>= 400 and <= 499), "refuseNotices", "'refuseNotices' must be 0 (off) or a 4xx status.");
        if (!validation.IsValid)
        {
            return Problems.Invalid(validation.Errors);
        }

        if (!services.Directory.TryGet(fault.IssuerId, out var issuer))
        {
            return Problems.UnknownIssuer(fault.IssuerId);
        }

        issuer.Fault = fault;
        Log.FaultSet(services.Logger, issuer.Id, fault.LatencyMs, fault.FailureRate, fault.Down);
        return TypedResults.Ok(fault);
    }

    internal static Results<NoContent, ProblemHttpResult> ClearFault(string issuerId, [AsParameters] IssuerServices services)
    {
        if (!services.Directory.TryGet(issuerId, out var issuer))
        {
            return Problems.UnknownIssuer(issuerId);
        }

        issuer.Fault = null;
        Log.FaultCleared(services.Logger, issuerId);
        return TypedResults.NoContent();
    }
}
