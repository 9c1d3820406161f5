namespace WalletGateway.IssuerSimulator;

/// <summary>Collects field errors for a 400 validation problem.</summary>
internal sealed class Validation
{
    private const int MaxLength = 200;
    private readonly Dictionary<string, string[]> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Dictionary<string, string[]> Errors => _errors;

    public Validation Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _errors[field] = [$"'{field}' is required."];
        }
        else if (value.Length > MaxLength)
        {
            _errors[field] = [$"'{field}' is longer than {MaxLength} characters."];
        }

        return this;
    }

    public Validation Optional(string field, string? value) =>
        value is null ? this : Required(field, value);

    public Validation Check(bool condition, string field, string message)
    {
        if (!condition)
        {
            _errors[field] = [message];
        }

        return this;
    }
}
