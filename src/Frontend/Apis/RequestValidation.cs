using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Frontend.Apis;

/// <summary>Field checks of the /v1 requests; a failure is a 400 problem naming the field.</summary>
public static class RequestValidation
{
    /// <summary>Most responses a relay may carry: more than any step hands out, far less than a flood.</summary>
    public const int MaxResponses = 64;

    /// <summary>A short APDU response is at most 256 data bytes and the status word.</summary>
    private const int MaxResponseBytes = 258;

    public static string RequireText(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Invalid($"'{field}' is required.");
        }

        if (value.Length > maxLength || value.Any(char.IsControl))
        {
            throw Invalid($"'{field}' must be at most {maxLength} printable characters.");
        }

        return value;
    }

    /// <summary>A lifecycle reason code: lower-case letters, digits and '-', at most 40 (e.g. <c>lost-phone</c>).</summary>
    public static string RequireReasonCode(string? value)
    {
        var reason = RequireText(value, "reason", 40);
        if (!reason.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw Invalid("'reason' must be a code of lower-case letters, digits and '-', e.g. lost-phone.");
        }

        return reason;
    }

    public static int RequireSeq(int? seq) => seq switch
    {
        null => throw Invalid("'seq' is required."),
        < 0 => throw Invalid("'seq' must not be negative."),
        _ => seq.Value,
    };

    /// <summary>Checks hex (either case) and returns it upper-cased.</summary>
    public static string RequireHex(string? value, string field, int exactBytes)
    {
        var hex = RequireText(value, field, exactBytes * 2);
        if (hex.Length != exactBytes * 2 || !IsHex(hex))
        {
            throw Invalid($"'{field}' must be {exactBytes * 2} hex digits.");
        }

        return hex.ToUpperInvariant();
    }

    public static IReadOnlyList<string> RequireResponses(IReadOnlyList<string?>? responses)
    {
        if (responses is null || responses.Count == 0)
        {
            throw Invalid("'responses' must hold one chip response per APDU of the step.");
        }

        if (responses.Count > MaxResponses)
        {
            throw Invalid($"'responses' holds {responses.Count} entries; a step never has more than {MaxResponses} APDUs.");
        }

        var checkedResponses = new string[responses.Count];
        for (var i = 0; i < responses.Count; i++)
        {
            var r = responses[i];
            if (r is null || r.Length < 4 || r.Length > MaxResponseBytes * 2 || r.Length % 2 != 0 || !IsHex(r))
            {
                throw Invalid($"'responses[{i}]' must be an even number of hex digits: response data and a 2-byte status word.");
            }

            checkedResponses[i] = r.ToUpperInvariant();
        }

        return checkedResponses;
    }

    private static bool IsHex(string value) => !value.AsSpan().ContainsAnyExcept("0123456789abcdefABCDEF");

    private static GatewayException Invalid(string detail) => new(GatewayError.InvalidRequest, detail);
}
