using Microsoft.AspNetCore.Http.HttpResults;
using WalletGateway.Contracts.Admin;
using WalletGateway.Frontend.Problems;
using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>Onboard, change, disable issuers; list them with their limits and live values. Secrets are write-only.</summary>
public static class AdminIssuersApi
{
    public static RouteGroupBuilder MapAdminIssuers(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/issuers");
        api.MapGet("/", ListAsync).WithName("AdminListIssuers").WithSummary("Every issuer (enabled or not) with its limits and this silo's live budget; never the secret.");
        api.MapGet("/{issuerId}", GetAsync).WithName("AdminGetIssuer").WithSummary("One issuer with its limits and live budget.")
            .ProducesProblems(GatewayError.IssuerNotFound);
        api.MapPost("/", AddAsync).WithName("AdminAddIssuer").WithSummary("Onboards an issuer; usable by terminals at once.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.IssuerExists);
        api.MapPatch("/{issuerId}", ChangeAsync).WithName("AdminChangeIssuer").WithSummary("Changes an issuer; absent fields stay as they are.")
            .ProducesBodyProblems().ProducesProblems(GatewayError.IssuerNotFound);
        api.MapPost("/{issuerId}/disable", DisableAsync).WithName("AdminDisableIssuer").WithSummary("No new sessions with this issuer; notifications still reach it.")
            .ProducesProblems(GatewayError.IssuerNotFound);
        api.MapPost("/{issuerId}/enable", EnableAsync).WithName("AdminEnableIssuer").WithSummary("Enables the issuer again.")
            .ProducesProblems(GatewayError.IssuerNotFound);
        return admin;
    }

    public static async Task<Ok<AdminIssuerResponse[]>> ListAsync(IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IIssuerAdminGrain>(0).ListAsync()).Select(ToResponse).ToArray());

    public static async Task<Ok<AdminIssuerResponse>> GetAsync(string issuerId, IGrainFactory grains) =>
        TypedResults.Ok(ToResponse(await grains.GetGrain<IIssuerAdminGrain>(0).GetAsync(issuerId)
            ?? throw new GatewayException(GatewayError.IssuerNotFound, $"No issuer '{issuerId}'.")));

    public static async Task<Created<AdminIssuerResponse>> AddAsync(AddIssuerRequest request, IGrainFactory grains)
    {
        var issuerId = RequestValidation.RequireText(request.IssuerId, "issuerId", 64);
        var settings = new IssuerSettings(
            RequestValidation.RequireText(request.DisplayName, "displayName", 100),
            request.Protocol ?? IssuerProtocols.Json,
            RequestValidation.RequireText(request.BaseUrl, "baseUrl", 500),
            RequestValidation.RequireText(request.Username, "username", 200),
            RequestValidation.RequireText(request.Password, "password", 500),
            request.Enabled ?? true,
            request.MaxConcurrentCalls ?? IssuerDefaults.MaxConcurrentCalls,
            request.MaxCallsPerSecond ?? IssuerDefaults.MaxCallsPerSecond,
            request.TargetLatency ?? IssuerDefaults.TargetLatency,
            request.MaxQueueWait ?? IssuerDefaults.MaxQueueWait,
            request.Timeout ?? IssuerDefaults.Timeout);
        await grains.GetGrain<IIssuerRegistryGrain>(0).AddAsync(issuerId, settings);
        return TypedResults.Created($"/admin/issuers/{issuerId}", await ViewAsync(issuerId, grains));
    }

    public static async Task<Ok<AdminIssuerResponse>> ChangeAsync(string issuerId, ChangeIssuerRequest request, IGrainFactory grains)
    {
        await grains.GetGrain<IIssuerRegistryGrain>(0).ChangeAsync(issuerId, new IssuerChange(
            request.DisplayName, request.Protocol, request.BaseUrl, request.Username, request.Password, request.Enabled,
            request.MaxConcurrentCalls, request.MaxCallsPerSecond, request.TargetLatency, request.MaxQueueWait, request.Timeout));
        return TypedResults.Ok(await ViewAsync(issuerId, grains));
    }

    public static async Task<Ok<AdminIssuerResponse>> DisableAsync(string issuerId, IGrainFactory grains)
    {
        await grains.GetGrain<IIssuerRegistryGrain>(0).ChangeAsync(issuerId, new IssuerChange(Enabled: false));
        return TypedResults.Ok(await ViewAsync(issuerId, grains));
    }

    public static async Task<Ok<AdminIssuerResponse>> EnableAsync(string issuerId, IGrainFactory grains)
    {
        await grains.GetGrain<IIssuerRegistryGrain>(0).ChangeAsync(issuerId, new IssuerChange(Enabled: true));
        return TypedResults.Ok(await ViewAsync(issuerId, grains));
    }

    private static async Task<AdminIssuerResponse> ViewAsync(string issuerId, IGrainFactory grains) =>
        ToResponse(await grains.GetGrain<IIssuerAdminGrain>(0).GetAsync(issuerId)
            ?? throw new GatewayException(GatewayError.IssuerNotFound, $"No issuer '{issuerId}'."));

    private static AdminIssuerResponse ToResponse(IssuerAdminView v) => new(
        v.IssuerId, v.DisplayName, v.Protocol, v.BaseUrl, v.Username, v.Enabled, v.Source,
        new AdminIssuerLimits(v.MaxConcurrentCalls, v.MaxCallsPerSecond, v.TargetLatency, v.MaxQueueWait, v.Timeout),
        v.Live is { } l ? new AdminIssuerLive(l.Silo, l.ActiveSilos, l.MaxConcurrentShare, l.CurrentLimit, l.InFlight, l.CallsPerSecondShare) : null);
}
