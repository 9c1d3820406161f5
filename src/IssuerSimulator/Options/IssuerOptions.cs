namespace WalletGateway.IssuerSimulator;

/// <summary>
/// One simulated issuer: its identity, the credential the gateway must present and how
/// its cards look.
/// </summary>
public sealed class IssuerOptions
{
    /// <summary>The issuer id used in paths (<c>/issuers/{issuerId}</c>), e.g. <c>demo-card</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>A human-readable name, e.g. <c>Demo Card</c>.</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The HTTP Basic user name the gateway must present.</summary>
    public string Username { get; set; } = "";

    /// <summary>The HTTP Basic password the gateway must present. Never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>The BIN the issuer's card numbers start with, digits only (spaces are ignored).</summary>
    public string CardPrefix { get; set; } = "";

    /// <summary>How many years a newly issued card is valid for.</summary>
    public int CardValidityYears { get; set; } = 4;
}
