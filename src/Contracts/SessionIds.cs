using System.Diagnostics.CodeAnalysis;

namespace WalletGateway.Contracts;

/// <summary>How a session id is written on the wire (32 hex digits) and which forms the gateway reads back.</summary>
public static class SessionIds
{
    /// <summary>The wire form of a session id: 32 lower-case hex digits, no dashes.</summary>
    public static string Format(Guid id) => id.ToString("N");

    /// <summary>The wire form of a session id, or null for none.</summary>
    [return: NotNullIfNotNull(nameof(id))]
    public static string? Format(Guid? id) => id is { } value ? Format(value) : null;

    /// <summary>Reads a session id in its wire form or with dashes; any other text names no session.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out Guid id) =>
        Guid.TryParseExact(text, "N", out id) || Guid.TryParseExact(text, "D", out id);
}
