using System.ComponentModel.DataAnnotations;

namespace WalletGateway.Hosting;

/// <summary>The operator key (section <c>WalletGateway:Admin</c>): the /admin API and the dashboard. A secret: never logged.</summary>
public sealed class AdminOptions
{
    public const string Section = "WalletGateway:Admin";

    /// <summary>The header that carries the key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>The header naming the operator (optional, recorded in audit trails).</summary>
    public const string OperatorHeader = "X-Operator";

    /// <summary>
    /// The operator API key. The default is a development key;
    /// production sets its own from a secret store.
    /// </summary>
    [Required, MinLength(8)]
    public string ApiKey { get; set; } = "dev-admin-key";
}
