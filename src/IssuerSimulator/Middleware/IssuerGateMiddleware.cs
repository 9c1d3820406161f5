using System.Buffers;
using System.Buffers.Text;

namespace WalletGateway.IssuerSimulator;

/// <summary>
/// Stands in front of the issuer endpoints as an issuer's server would: unknown issuer,
/// statistics, injected faults, then HTTP Basic credentials. It runs before model binding,
/// so a request with bad credentials is refused (and counted) whatever its body.
/// </summary>
internal sealed class IssuerGateMiddleware(
    RequestDelegate next,
    IssuerDirectory directory,
    TimeProvider time,
    ILogger<IssuerGateMiddleware> logger)
{
    private const int MaxAuthorizationLength = 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata.GetMetadata<IssuerEndpointMetadata>();
        if (metadata is null)
        {
            await next(context);
            return;
        }

        var issuerId = context.Request.RouteValues["issuerId"] as string ?? "";
        if (!directory.TryGet(issuerId, out var issuer))
        {
            await Problems.UnknownIssuer(issuerId).ExecuteAsync(context);
            return;
        }

        issuer.Stats.Arrived(metadata.Operation, time.GetUtcNow().ToUnixTimeSeconds());
        try
        {
            await GuardAsync(context, issuer, metadata);
        }
        finally
        {
            issuer.Stats.Completed();
        }
    }

    private async Task GuardAsync(HttpContext context, Issuer issuer, IssuerEndpointMetadata metadata)
    {
        var fault = issuer.Fault;
        if (fault is { LatencyMs: > 0 })
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(fault.LatencyMs), time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                // The caller gave up (its timeout); there is nobody left to answer.
                return;
            }
        }

        if (fault is not null && (fault.Down || Random.Shared.NextDouble() < fault.FailureRate))
        {
            Log.FaultInjected(logger, issuer.Id);
            context.Response.Headers.RetryAfter = "1";
            await Problems.Unavailable().ExecuteAsync(context);
            return;
        }

        if (fault is { RefuseNotices: > 0 } && metadata.Operation != IssuerOperation.Authenticate)
        {
            Log.NoticeRefused(logger, issuer.Id, fault.RefuseNotices);
            await Problems.NoticeRefused(fault.RefuseNotices).ExecuteAsync(context);
            return;
        }

        if (!metadata.CredentialInForm && !HasValidCredential(context.Request, issuer))
        {
            issuer.Stats.BadCredentials();
            Log.BadCredentials(logger, issuer.Id);
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"issuer\", charset=\"UTF-8\"";
            await Problems.BadCredentials().ExecuteAsync(context);
            return;
        }

        await next(context);
    }

    private static bool HasValidCredential(HttpRequest request, Issuer issuer)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.Length > MaxAuthorizationLength || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var encoded = System.Text.Encoding.ASCII.GetBytes(header[6..].Trim());
        var decoded = ArrayPool<byte>.Shared.Rent(Base64.GetMaxDecodedFromUtf8Length(encoded.Length));
        try
        {
            if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != OperationStatus.Done)
            {
                return false;
            }

            var credential = decoded.AsSpan(0, written);
            var colon = credential.IndexOf((byte)':');
            return colon >= 0 && issuer.HasCredential(credential[..colon], credential[(colon + 1)..]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(decoded, clearArray: true);
        }
    }
}
