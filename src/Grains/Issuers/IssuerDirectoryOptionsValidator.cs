using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace WalletGateway.Grains.Issuers;

/// <summary>Validates every configured issuer (data annotations do not look inside dictionaries).</summary>
public sealed class IssuerDirectoryOptionsValidator : IValidateOptions<IssuerDirectoryOptions>
{
    public ValidateOptionsResult Validate(string? name, IssuerDirectoryOptions options)
    {
        var failures = new List<string>();
        foreach (var (id, issuer) in options.Issuers)
        {
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(issuer, new ValidationContext(issuer), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"{nameof(IssuerDirectoryOptions.Issuers)}:{id}: {r.ErrorMessage}"));
            }

            if (issuer.BaseUrl is { } url && (!url.IsAbsoluteUri || !url.AbsolutePath.EndsWith('/')))
            {
                failures.Add($"{nameof(IssuerDirectoryOptions.Issuers)}:{id}:{nameof(IssuerOptions.BaseUrl)} must be absolute and end in '/'.");
            }

            if (issuer.ApiKey is { Length: > 0 } apiKey && !apiKey.StartsWith(id + ".", StringComparison.Ordinal))
            {
                failures.Add($"{nameof(IssuerDirectoryOptions.Issuers)}:{id}:{nameof(IssuerOptions.ApiKey)} must start with the issuer id and a '.'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
