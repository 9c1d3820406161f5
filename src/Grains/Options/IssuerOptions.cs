using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Grains;

/// <summary>One issuer's connection information. Held by the gateway only: never returned, never logged.</summary>
public sealed class IssuerOptions
{
    [Required]
    public string DisplayName { get; set; } = "";

    /// <summary>The issuer's API root, ending in '/', e.g. <c>http://127.0.0.1:5090/issuers/demo-card/</c>.</summary>
    [Required]
    public Uri? BaseUrl { get; set; }

    [Required]
    public string Username { get; set; } = "";

    [Required]
    public string Password { get; set; } = "";

    public bool Enabled { get; set; } = true;

    /// <summary>Per-attempt timeout of a call to this issuer.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
