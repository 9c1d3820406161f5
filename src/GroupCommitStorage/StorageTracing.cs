using System.Diagnostics;

namespace WalletGateway.GroupCommitStorage;

/// <summary>
/// Spans of the group-commit storage (ActivitySource <see cref="SourceName"/>): a <c>durable write</c> span in the
/// writing grain's trace, from its submit until its batch's answer, and one <c>group commit</c> span per batch, a root
/// of its own (a batch carries many cards' writes) linked to every write it carries. Nothing is created without a listener.
/// </summary>
public static class StorageTracing
{
    public const string SourceName = "WalletGateway.Storage";

    public const string DurableWrite = "durable write";

    public const string GroupCommit = "group commit";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts a <c>durable write</c> span, to end when the write is answered; null without a listener.</summary>
    internal static Activity? StartDurableWrite(string stateName, GrainId grainId)
    {
        var activity = Source.StartActivity(DurableWrite, ActivityKind.Internal);
        activity?.SetTag("orleans.storage.state.name", stateName);
        activity?.SetTag("orleans.grain.id", grainId.ToString());
        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> failed with <paramref name="e"/>; false, so an exception filter rethrows.</summary>
    internal static bool Failed(Activity? activity, Exception e)
    {
        activity?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
        return false;
    }

    /// <summary>
    /// Starts the batch's span as a new root (the batch loop runs in whichever write started it), linked to the writes.
    /// The Table requests it sends become its children. Call from an async method: the change of current activity stays in it.
    /// </summary>
    internal static Activity? StartBatch(IReadOnlyList<PendingOperation> batch)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity.Current = null;
        var links = batch.Where(o => o.Caller != default).Select(o => new ActivityLink(o.Caller));
        var activity = Source.StartActivity(GroupCommit, ActivityKind.Client, parentContext: default, links: links);
        activity?.SetTag("walletgateway.batch.writes", batch.Count);
        activity?.SetTag("walletgateway.batch.entities", batch.Sum(o => o.ActionCount));
        return activity;
    }
}
