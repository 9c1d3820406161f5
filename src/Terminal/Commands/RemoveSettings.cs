using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace WalletGateway.Terminal.Commands;

/// <summary>Options of <c>remove</c>.</summary>
internal sealed class RemoveSettings : HomeSettings
{
    [CommandOption("--gateway <URL>")]
    [Description("The gateway's root URL.")]
    [DefaultValue("http://127.0.0.1:5080")]
    public string Gateway { get; set; } = "http://127.0.0.1:5080";

    [CommandOption("--issuer <ID>")]
    [Description("The card's issuer id (the Issuer column of cards).")]
    public string Issuer { get; set; } = "";

    [CommandOption("--card-id <ID>")]
    [Description("The card id on this secure element (the Card id column of cards).")]
    public string CardId { get; set; } = "";

    public Uri GatewayRoot => new(Gateway.EndsWith('/') ? Gateway : Gateway + "/");

    public override ValidationResult Validate()
    {
        if (!Uri.TryCreate(Gateway, UriKind.Absolute, out var gateway) || gateway.Scheme is not ("http" or "https"))
        {
            return ValidationResult.Error($"--gateway must be an absolute http or https URL, not '{Gateway}'.");
        }

        return string.IsNullOrWhiteSpace(Issuer) || string.IsNullOrWhiteSpace(CardId)
            ? ValidationResult.Error("--issuer and --card-id are required (see the cards command).")
            : ValidationResult.Success();
    }
}
