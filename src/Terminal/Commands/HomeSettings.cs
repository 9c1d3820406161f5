using System.ComponentModel;
using Spectre.Console.Cli;

namespace WalletGateway.Terminal.Commands;

/// <summary>Options every command shares.</summary>
internal class HomeSettings : CommandSettings
{
    [CommandOption("--home <DIR>")]
    [Description("Where the terminal keeps its device registration and its secure element.")]
    [DefaultValue(".data/terminal")]
    public string Home { get; set; } = ".data/terminal";
}
