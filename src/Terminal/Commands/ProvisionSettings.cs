using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;
using WalletGateway.SecureChannel;

namespace WalletGateway.Terminal.Commands;

/// <summary>Options of <c>provision</c>. What is missing is asked for, unless the terminal cannot prompt.</summary>
internal sealed class ProvisionSettings : HomeSettings
{
    /// <summary>The development SE master key (docs/operations.md, "Development defaults"); development only.</summary>
    public const string DevelopmentMasterKey = "404142434445464748494A4B4C4D4E4F";

    /// <summary>Read when <c>--code</c> is absent: unlike a command line, the environment is not visible to other users.</summary>
    public const string AccessCodeVariable = "WALLETGATEWAY_ACCESS_CODE";

    [CommandOption("--gateway <URL>")]
    [Description("The gateway's root URL.")]
    [DefaultValue("http://127.0.0.1:5080")]
    public string Gateway { get; set; } = "http://127.0.0.1:5080";

    [CommandOption("--issuer <ID>")]
    [Description("The card issuer's id; picked from the gateway's list when absent.")]
    public string? Issuer { get; set; }

    [CommandOption("--member <ID>")]
    [Description("The member id the issuer gave the cardholder.")]
    public string? Member { get; set; }

    [CommandOption("--code <CODE>")]
    [Description($"The one-time access code the issuer sent the member. Prefer the prompt or {AccessCodeVariable}: a command line is visible to other users.")]
    public string? Code { get; set; }

    [CommandOption("--master-key <HEX>")]
    [Description("AES master key the new secure element derives its keys from (only when it is created). Defaults to the development key.")]
    public string? MasterKey { get; set; }

    [CommandOption("--non-interactive")]
    [Description("Never prompt: fail when an option is missing. Implied when stdin is redirected.")]
    public bool NonInteractive { get; set; }

    public Uri GatewayRoot => new(Gateway.EndsWith('/') ? Gateway : Gateway + "/");

    public byte[] MasterKeyBytes => Hex.Parse(MasterKey ?? DevelopmentMasterKey);

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(Gateway, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--gateway must be an absolute http or https URL, not '{Gateway}'.");
        }

        if (MasterKey is not null && !(Hex.TryParse(MasterKey, out var key) && key.Length is 16 or 24 or 32))
        {
            // The value is a key: never echo it.
            return ValidationResult.Error("--master-key must be an AES key of 16, 24 or 32 bytes in hex.");
        }

        foreach (var (name, value) in new[] { ("--issuer", Issuer), ("--member", Member), ("--code", Code) })
        {
            if (value is not null && string.IsNullOrWhiteSpace(value))
            {
                return ValidationResult.Error($"{name} must not be empty.");
            }
        }

        return ValidationResult.Success();
    }
}
