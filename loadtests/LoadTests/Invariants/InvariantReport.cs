namespace WalletGateway.LoadTests.Invariants;

/// <summary>What <see cref="InvariantChecker"/> found.</summary>
public sealed class InvariantReport
{
    public int Chips { get; init; }

    /// <summary>Answers the gateway gave (card active on a chip, card removed from a chip), all of them.</summary>
    public int Reported { get; init; }

    /// <summary>Cards on chips whose last answer there was <c>active</c>.</summary>
    public int ReportedActive { get; set; }

    /// <summary>Cards on chips whose last answer there was <c>removed</c> (the chip's <c>DF71</c> verified).</summary>
    public int ReportedRemoved { get; set; }

    /// <summary>Cards on chips whose last answer there began a removal that was not seen verified (e.g. its final relay cut off).</summary>
    public int RemovalsUnfinished { get; set; }

    public int CardsOnChips { get; set; }

    public int DurablyActive { get; set; }

    /// <summary>On the chip, the session ended after the last block without the receipt: the record keeps the card bound to that chip.</summary>
    public int Unconfirmed { get; set; }

    /// <summary>On the chip, and the card's record says removal pending for that chip (deleted or suspended for loss while on it).</summary>
    public int AwaitingWipe { get; set; }

    public int LeasesRunning { get; set; }

    public DateTimeOffset? LastLeaseEnds { get; set; }

    public List<string> Violations { get; } = [];

    public void Violation(string text)
    {
        lock (Violations)
        {
            Violations.Add(text);
        }
    }

    public override string ToString() =>
        $"chips {Chips}, cards on chips {CardsOnChips} (durably active there {DurablyActive}, unconfirmed {Unconfirmed}, awaiting wipe {AwaitingWipe}), " +
        $"reported active {ReportedActive}, reported removed {ReportedRemoved}, removals unfinished {RemovalsUnfinished}, leases still running {LeasesRunning}" +
        $"{(LastLeaseEnds is { } t ? $" (last ends {t:HH:mm:ss}Z)" : "")}, violations {Violations.Count}";
}
