namespace WalletGateway.Grains.Issuers;

/// <summary>Why a call to an issuer did not give an answer the gateway can use.</summary>
public enum IssuerCallFailure
{
    /// <summary>The issuer refused the member's access code (wrong, unknown member or already used).</summary>
    InvalidAccessCode,

    /// <summary>The issuer is down, slow, or answered something unusable.</summary>
    Unavailable,

    /// <summary>The gateway's budget toward this issuer is used up: the call was not made.</summary>
    OverBudget,

    /// <summary>The issuer refused the gateway's own credential: an operator must fix it; never the member's fault.</summary>
    CredentialRejected,

    /// <summary>The issuer answered with card data that cannot be written to a chip (the issuer consumed the code).</summary>
    InvalidCardData,
}

/// <summary>A failed issuer call; stays inside the silo (grains turn it into a <see cref="GatewayException"/>).</summary>
public sealed class IssuerCallException(IssuerCallFailure failure, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public IssuerCallFailure Failure { get; } = failure;

    /// <summary>The HTTP status when the issuer answered with an error status; null when it did not answer or its answer was unusable.</summary>
    public int? Status { get; init; }
}
