using System.ComponentModel.DataAnnotations;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Issuers;

/// <summary>Between the operator's <see cref="IssuerSettings"/> and the <see cref="IssuerOptions"/> the issuer client uses.</summary>
public static class IssuerSettingsMapping
{
    public static IssuerOptions ToOptions(IssuerSettings s) => new()
    {
        DisplayName = s.DisplayName,
        Protocol = s.Protocol,
        BaseUrl = Uri.TryCreate(s.BaseUrl, UriKind.Absolute, out var url) ? url : null,
        Username = s.Username,
        Password = s.Password,
        Enabled = s.Enabled,
        MaxConcurrentCalls = s.MaxConcurrentCalls,
        MaxCallsPerSecond = s.MaxCallsPerSecond,
        TargetLatency = s.TargetLatency,
        MaxQueueWait = s.MaxQueueWait,
        Timeout = s.Timeout,
    };

    public static IssuerSettings FromOptions(IssuerOptions o) => new(
        o.DisplayName, o.Protocol, o.BaseUrl?.ToString() ?? "", o.Username, o.Password, o.Enabled,
        o.MaxConcurrentCalls, o.MaxCallsPerSecond, o.TargetLatency, o.MaxQueueWait, o.Timeout);

    public static IssuerSettings Apply(IssuerSettings s, IssuerChange c) => new(
        c.DisplayName ?? s.DisplayName,
        c.Protocol ?? s.Protocol,
        c.BaseUrl ?? s.BaseUrl,
        c.Username ?? s.Username,
        c.Password ?? s.Password,
        c.Enabled ?? s.Enabled,
        c.MaxConcurrentCalls ?? s.MaxConcurrentCalls,
        c.MaxCallsPerSecond ?? s.MaxCallsPerSecond,
        c.TargetLatency ?? s.TargetLatency,
        c.MaxQueueWait ?? s.MaxQueueWait,
        c.Timeout ?? s.Timeout);

    /// <summary>
    /// Changing where (<c>baseUrl</c>) or as whom (<c>username</c>) the credential is sent needs the password in the same
    /// change: an operator key alone cannot send the stored password to another address or user.
    /// </summary>
    public static void EnsureCredentialStays(IssuerSettings current, IssuerChange change)
    {
        var moves = (change.BaseUrl is { } url && url != current.BaseUrl) || (change.Username is { } user && user != current.Username);
        if (moves && change.Password is null)
        {
            throw new GatewayException(GatewayError.InvalidRequest,
                "Changing baseUrl or username needs the issuer's password in the same request ('password'): the stored password is never sent to a new address or user.");
        }
    }

    /// <summary>The same rules as configuration (data annotations, absolute base URL ending in '/'); messages name fields, never values.</summary>
    public static void EnsureValid(string issuerId, IssuerSettings settings)
    {
        var failures = new List<string>();
        if (issuerId.Length is 0 or > 64 || !issuerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            failures.Add("issuerId must be 1 to 64 letters, digits, '-' or '_'.");
        }

        var options = ToOptions(settings);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            failures.AddRange(results.Select(r => r.ErrorMessage ?? "invalid"));
        }

        if (options.BaseUrl is not { } url || url.Scheme is not ("http" or "https") || !url.AbsolutePath.EndsWith('/'))
        {
            failures.Add($"{nameof(IssuerOptions.BaseUrl)} must be an absolute http(s) URL ending in '/'.");
        }

        if (failures.Count > 0)
        {
            throw new GatewayException(GatewayError.InvalidRequest, string.Join(" ", failures.Distinct()));
        }
    }
}
