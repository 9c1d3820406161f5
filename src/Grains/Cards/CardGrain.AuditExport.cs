using Azure;
using WalletGateway.Grains.Audit;
using WalletGateway.Grains.Chips;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Notifications;

namespace WalletGateway.Grains.Cards;

// Export of the audit records written with the card's state into the audit table, and of the chip index rows.
public sealed partial class CardGrain
{
    /// <summary>Tags of the storage writes a card makes besides its state (walletgateway.storage.writes).</summary>
    public const string ReminderWrite = OutboxReminder.StorageWrite;
    public const string AuditWrite = "AuditBatch";
    public const string ChipIndexWrite = "ChipIndex";

    private bool _exportUnchecked;

    private async Task<bool> ExportAuditAsync()
    {
        var state = card.State;
        // A lease's record waits for the lease's end, so a provisioning exports lease and outcome in one batch.
        if (state.UnexportedAudit.Count == 0 || state.Status == CardStatus.Provisioning)
        {
            return true;
        }

        var pending = state.UnexportedAudit.ToList();
        try
        {
            if (_exportUnchecked)
            {
                _exportUnchecked = false;
                if (await auditLog.ContainsAsync(Key, pending[^1], CancellationToken.None))
                {
                    state.UnexportedAudit.RemoveAll(r => r.Seq <= pending[^1].Seq);
                    return true;
                }
            }

            // Index rows first: once the last record is in the table, everything before it is done.
            foreach (var r in pending.Where(r => r.Event is "activated" or "unconfirmed" && r.ChipId is not null))
            {
                await chipIndex.UpsertAsync(r.ChipId!, IssuerId, CardRef, r.CardId, CancellationToken.None);
                metrics.Written(ChipIndexWrite);
            }

            foreach (var chunk in pending.Chunk(100))
            {
                await auditLog.AppendAsync(Key, chunk, CancellationToken.None);
                metrics.Written(AuditWrite);
            }

            state.UnexportedAudit.RemoveAll(r => r.Seq <= pending[^1].Seq);
            return true;
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            LogExportFailed(logger, Key, e.GetType().Name);
            return false;
        }
    }

    private static bool IsStorageFailure(Exception e) =>
        e is RequestFailedException or HttpRequestException or TimeoutException or OperationCanceledException or AggregateException;
}
