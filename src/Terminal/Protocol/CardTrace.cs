using System.Diagnostics;

namespace WalletGateway.Terminal.Protocol;

/// <summary>
/// One trace per card session: while the returned activity is current, HttpClient sends its W3C <c>traceparent</c> on
/// every request, so open, authenticate and every relay of one card share one trace id at the gateway (and in the
/// <c>traceId</c> of any problem it answers). Sampled, so a gateway that traces records the whole session.
/// </summary>
public static class CardTrace
{
    public const string ActivityName = "WalletGateway.Terminal.ProvisionCard";

    /// <summary>Starts the card's trace as a new root; stop it when the session ends. Call from an async method (the change of current activity stays in it).</summary>
    public static Activity Start()
    {
        Activity.Current = null;
        var activity = new Activity(ActivityName);
        activity.SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        return activity.Start();
    }
}
