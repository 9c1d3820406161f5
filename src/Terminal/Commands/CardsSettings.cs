using System.ComponentModel;
using Spectre.Console.Cli;

namespace WalletGateway.Terminal.Commands;

/// <summary>Options of <c>cards</c>.</summary>
internal sealed class CardsSettings : HomeSettings
{
    [CommandOption("--gateway <URL>")]
    [Description("The gateway's root URL, asked for each card's status (suspended, deleted).")]
    [DefaultValue("http://127.0.0.1:5080")]
    public string Gateway { get; set; } = "http://127.0.0.1:5080";

    [CommandOption("--offline")]
    [Description("Show what the chip holds without asking the gateway.")]
    public bool Offline { get; set; }

    public Uri GatewayRoot => new(Gateway.EndsWith('/') ? Gateway : Gateway + "/");
}
