using Microsoft.Extensions.Options;

namespace WalletGateway.IssuerSimulator;

internal sealed class IssuerSimulatorOptionsValidator : IValidateOptions<IssuerSimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, IssuerSimulatorOptions options)
    {
        var failures = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Issuers.Count; i++)
        {
            var issuer = options.Issuers[i];
            var at = $"{nameof(IssuerSimulatorOptions.Issuers)}[{i}]";
            if (string.IsNullOrWhiteSpace(issuer.Id))
            {
                failures.Add($"{at}.{nameof(IssuerOptions.Id)} is required.");
            }
            else if (!ids.Add(issuer.Id))
            {
                failures.Add($"{at}.{nameof(IssuerOptions.Id)} '{issuer.Id}' is configured twice.");
            }

            if (string.IsNullOrEmpty(issuer.Username) || issuer.Username.Contains(':'))
            {
                failures.Add($"{at}.{nameof(IssuerOptions.Username)} is required and must not contain ':'.");
            }

            if (string.IsNullOrEmpty(issuer.Password))
            {
                failures.Add($"{at}.{nameof(IssuerOptions.Password)} is required.");
            }

            var prefix = CardNumbers.NormalizePrefix(issuer.CardPrefix);
            if (prefix.Length is < 1 or > 12 || !prefix.All(char.IsAsciiDigit))
            {
                failures.Add($"{at}.{nameof(IssuerOptions.CardPrefix)} must be 1 to 12 digits.");
            }

            if (issuer.CardValidityYears is < 1 or > 20)
            {
                failures.Add($"{at}.{nameof(IssuerOptions.CardValidityYears)} must be between 1 and 20.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
