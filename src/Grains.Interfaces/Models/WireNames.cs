namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>
/// The one spelling of each enum outside the silo: HTTP answers, issuer notices and error messages. Written out
/// member by member so renaming an enum member never changes what clients read.
/// </summary>
public static class WireNames
{
    /// <summary>The session state as <c>GET /v1/sessions/{id}</c> shows it, e.g. <c>open</c>, <c>active</c>.</summary>
    public static string ToWire(this SessionState state) => state switch
    {
        SessionState.None => "none",
        SessionState.Open => "open",
        SessionState.Authenticated => "authenticated",
        SessionState.Writing => "writing",
        SessionState.Active => "active",
        SessionState.Failed => "failed",
        SessionState.Aborted => "aborted",
        SessionState.Expired => "expired",
        SessionState.Removed => "removed",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>The card status as the card APIs show it, e.g. <c>active</c>, <c>suspended</c>.</summary>
    public static string ToWire(this CardStatus status) => status switch
    {
        CardStatus.Unprovisioned => "unprovisioned",
        CardStatus.Provisioning => "provisioning",
        CardStatus.Active => "active",
        CardStatus.Suspended => "suspended",
        CardStatus.Deleted => "deleted",
        CardStatus.Unconfirmed => "unconfirmed",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>Who asked for a card change, as the admin API reads it and the issuer notices write it.</summary>
    public static string ToWire(this CardActor actor) => actor switch
    {
        CardActor.Member => "member",
        CardActor.Issuer => "issuer",
        CardActor.Operator => "operator",
        _ => throw new ArgumentOutOfRangeException(nameof(actor), actor, null),
    };

    /// <summary>Reads a <see cref="ToWire(CardActor)"/> name back; false for anything else.</summary>
    public static bool TryParseCardActor(string? name, out CardActor actor)
    {
        foreach (var candidate in Enum.GetValues<CardActor>())
        {
            if (candidate.ToWire() == name)
            {
                actor = candidate;
                return true;
            }
        }

        actor = default;
        return false;
    }
}
