using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Security;

/// <summary>Every <c>/admin</c> call carries the operator API key in <c>X-Api-Key</c>; otherwise 401 problem+json.</summary>
public sealed class AdminApiKeyFilter(IOptionsMonitor<AdminOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[AdminOptions.ApiKeyHeader].ToString();
        // Compare hashes in fixed time: neither the key's length nor its prefix leaks through timing.
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.CurrentValue.ApiKey));
        var actual = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (presented.Length == 0 || !CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{AdminOptions.ApiKeyHeader}\"";
            throw new GatewayException(GatewayError.InvalidApiKey, $"A valid operator API key is required in the {AdminOptions.ApiKeyHeader} header.");
        }

        return next(context);
    }
}
