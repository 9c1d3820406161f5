namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>A refusal with its reason, thrown by grains and mapped to problem+json by the frontend.</summary>
[GenerateSerializer, Alias("WalletGateway.GatewayException")]
public sealed class GatewayException : Exception
{
    public GatewayException(GatewayError error, string detail, int? attemptsLeft = null, TimeSpan? retryAfter = null)
        : base(detail)
    {
        Error = error;
        AttemptsLeft = attemptsLeft;
        RetryAfter = retryAfter;
    }

    [Id(0)]
    public GatewayError Error { get; }

    /// <summary>For <see cref="GatewayError.InvalidAccessCode"/>: wrong codes left before the member is locked.</summary>
    [Id(1)]
    public int? AttemptsLeft { get; }

    /// <summary>When the terminal may try again (429, 423, 503).</summary>
    [Id(2)]
    public TimeSpan? RetryAfter { get; }
}
