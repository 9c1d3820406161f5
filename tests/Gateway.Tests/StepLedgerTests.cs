using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Sessions;

namespace WalletGateway.Gateway.Tests;

/// <summary>The order of a session's steps, without a silo: identical retries answered again, the rest refused.</summary>
public sealed class StepLedgerTests
{
    private static readonly StepResponse FirstAnswer = new(1, ["80E60C00"], false, new CardSummary("1234", "12/30"), null);

    private static readonly string CodeFingerprint = StepLedger.Fingerprint("member-1", "123456");

    [Fact]
    public void Check_ExpectedStepInAllowedState_LetsTheStepRun()
    {
        Assert.Null(StepLedger.Start.Check(0, CodeFingerprint, SessionState.Open, SessionState.Open));
    }

    [Fact]
    public void Answered_Step_ExpectsTheNextOne()
    {
        var ledger = StepLedger.Start.Answered(0, CodeFingerprint, FirstAnswer);

        Assert.Equal(1, ledger.ExpectedSeq);
        Assert.Null(ledger.Check(1, "9000", SessionState.Authenticated, SessionState.Authenticated, SessionState.Writing));
    }

    [Fact]
    public void Check_IdenticalRetryOfLastStep_AnswersTheSameAgain()
    {
        var ledger = StepLedger.Start.Answered(0, CodeFingerprint, FirstAnswer);

        Assert.Same(FirstAnswer, ledger.Check(0, StepLedger.Fingerprint("member-1", "123456"), SessionState.Authenticated, SessionState.Open));
    }

    [Fact]
    public void Check_IdenticalRetryAfterTheSessionClosed_AnswersTheSameAgain()
    {
        var done = new StepResponse(5, [], true, null, new ProvisioningResult("active", "card-1"));
        var ledger = StepLedger.Start.Answered(4, StepLedger.Fingerprint(["9000"]), done);

        Assert.Same(done, ledger.Check(4, StepLedger.Fingerprint(["9000"]), SessionState.Active, SessionState.Writing));
    }

    [Fact]
    public void Check_ChangedRetryOfLastStep_RefusesAsConflict()
    {
        var ledger = StepLedger.Start.Answered(0, CodeFingerprint, FirstAnswer);

        var e = Assert.Throws<GatewayException>(() =>
            ledger.Check(0, StepLedger.Fingerprint("member-1", "654321"), SessionState.Authenticated, SessionState.Open));

        Assert.Equal(GatewayError.SequenceConflict, e.Error);
        Assert.Equal("Step 0 was already answered for a different request.", e.Message);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Check_StepOutOfOrder_RefusesWithTheExpectedStep(int seq)
    {
        var ledger = StepLedger.Start.Answered(0, CodeFingerprint, FirstAnswer);

        var e = Assert.Throws<GatewayException>(() => ledger.Check(seq, "9000", SessionState.Authenticated, SessionState.Authenticated));

        Assert.Equal(GatewayError.SequenceConflict, e.Error);
        Assert.Equal($"Expected step 1 (session is authenticated), got {seq}.", e.Message);
    }

    [Fact]
    public void Check_StateNotAllowedForTheStep_RefusesAsConflict()
    {
        var e = Assert.Throws<GatewayException>(() =>
            StepLedger.Start.Check(0, "9000", SessionState.Open, SessionState.Authenticated, SessionState.Writing));

        Assert.Equal(GatewayError.SequenceConflict, e.Error);
    }

    [Theory]
    [InlineData(SessionState.Active)]
    [InlineData(SessionState.Failed)]
    [InlineData(SessionState.Aborted)]
    public void Check_NewStepOnClosedSession_RefusesAsClosed(SessionState state)
    {
        var ledger = StepLedger.Start.Answered(0, CodeFingerprint, FirstAnswer);

        var e = Assert.Throws<GatewayException>(() => ledger.Check(1, "9000", state, SessionState.Authenticated));

        Assert.Equal(GatewayError.SessionClosed, e.Error);
        Assert.Contains(state.ToString().ToLowerInvariant(), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fingerprint_RelayResponses_IgnoresHexCase()
    {
        Assert.True(StepLedger.SameRequest(StepLedger.Fingerprint(["9000", "6a80"]), StepLedger.Fingerprint(["9000", "6A80"])));
        Assert.False(StepLedger.SameRequest(StepLedger.Fingerprint(["9000"]), StepLedger.Fingerprint(["9000", "9000"])));
    }

    [Fact]
    public void Fingerprint_Authenticate_DoesNotContainTheAccessCode()
    {
        Assert.DoesNotContain("123456", CodeFingerprint, StringComparison.Ordinal);
        Assert.NotEqual(CodeFingerprint, StepLedger.Fingerprint("member-2", "123456"));
    }
}
