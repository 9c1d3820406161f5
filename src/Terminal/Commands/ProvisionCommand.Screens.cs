using Spectre.Console;
using WalletGateway.Contracts;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.Terminal.Commands;

internal sealed partial class ProvisionCommand
{
    private static async Task<ProvisioningInput> AskForMissingAsync(GatewayClient client, ProvisionSettings settings, CancellationToken ct)
    {
        var code = settings.Code ?? NullIfEmpty(Environment.GetEnvironmentVariable(ProvisionSettings.AccessCodeVariable));
        var canPrompt = !settings.NonInteractive && !Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        if (!canPrompt)
        {
            string[] missing = [.. new (string Name, string? Value)[] { ("--issuer", settings.Issuer), ("--member", settings.Member), ("--code", code) }
                .Where(option => option.Value is null)
                .Select(option => option.Name)];
            if (missing.Length > 0)
            {
                throw new UsageException(
                    $"Missing {string.Join(", ", missing)}: this terminal cannot prompt (--non-interactive or redirected input). "
                    + $"Pass them as options (the code may come from {ProvisionSettings.AccessCodeVariable}).");
            }
        }

        var issuerId = settings.Issuer ?? await PickIssuerAsync(client, ct);
        var memberId = settings.Member ?? (await AnsiConsole.PromptAsync(new TextPrompt<string>("Member id:"), ct)).Trim();
        code ??= await AnsiConsole.PromptAsync(new TextPrompt<string>("Access code:").Secret(), ct);
        return new ProvisioningInput(issuerId, memberId, code);
    }

    private static async Task<string> PickIssuerAsync(GatewayClient client, CancellationToken ct)
    {
        var issuers = await client.ListIssuersAsync(ct);
        switch (issuers)
        {
            case []:
                throw new UsageException("The gateway offers no card issuer yet.");
            case [var only]:
                AnsiConsole.MarkupLineInterpolated($"Card issuer: [bold]{only.DisplayName}[/]");
                return only.IssuerId;
            default:
                var picked = await AnsiConsole.PromptAsync(
                    new SelectionPrompt<IssuerResponse>()
                        .Title("Which [bold]card issuer[/]?")
                        .UseConverter(issuer => Markup.Escape(issuer.DisplayName))
                        .AddChoices(issuers),
                    ct);
                AnsiConsole.MarkupLineInterpolated($"Card issuer: [bold]{picked.DisplayName}[/]");
                return picked.IssuerId;
        }
    }

    private static void ShowResult(ProvisioningResult result, string chipId)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();
        void Row(string label, string? value) => grid.AddRow(new Text(label, new Style(Color.Grey)), new Text(value ?? "-"));
        Row("Card id", result.CardId);
        Row("Card", result.Card is { } card ? $"•••• {card.Last4}" : null);
        Row("Expiry", result.Card?.Expiry);
        Row("Status", result.Status);
        Row("Chip", chipId);
        Row("Session", result.SessionId);
        Row("Relayed", $"{result.ApdusRelayed} APDUs in {result.RoundTrips} round trips");
        var active = IsActive(result.Status);
        AnsiConsole.Write(new Panel(grid)
            .Header(active ? "Card written" : "Card written, not active")
            .BorderColor(active ? Color.Green : Color.Yellow));
    }

    internal static void ShowProblem(GatewayProblemException problem)
    {
        var console = ErrorConsole.Instance;
        console.MarkupLineInterpolated($"[red]The gateway refused:[/] {problem.Status} {problem.Title}");
        if (problem.Detail is { } detail)
        {
            console.MarkupLineInterpolated($"  {detail}");
        }

        if (problem.AttemptsLeft is { } attemptsLeft)
        {
            console.MarkupLineInterpolated($"  Attempts left: {attemptsLeft}");
        }

        if (problem.RetryAfter is { } retryAfter)
        {
            console.MarkupLineInterpolated($"  Retry after: {Math.Ceiling(retryAfter.TotalSeconds):0} s");
        }

        if (problem.Type is { } type)
        {
            console.MarkupLineInterpolated($"  [grey]{type}[/]");
        }

        if (problem.TraceId is { } traceId)
        {
            console.MarkupLineInterpolated($"  [grey]trace {traceId}[/]");
        }
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private sealed record ProvisioningInput(string IssuerId, string MemberId, string AccessCode);
}
