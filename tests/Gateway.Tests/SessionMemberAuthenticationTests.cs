using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;
using WalletGateway.Grains.Sessions;

namespace WalletGateway.Gateway.Tests;

/// <summary>A session's member authentication with the issuer, without a silo: a fake lockout grain and a fake issuer.</summary>
public sealed class SessionMemberAuthenticationTests
{
    private static readonly IssuerCard Card = new("ref-1", "5500000000000004", "12/30", "A MEMBER", new byte[16]);

    private readonly FakeLockout _lockout = new();
    private readonly FakeBudget _budget = new();
    private MemberAnswer? _kept;
    private int _issuerCalls;

    [Fact]
    public async Task Authenticate_RightCodeAfterWrongCodes_ReturnsTheCardKeepsTheAnswerAndResetsWrongCodes()
    {
        _lockout.WrongCodesSoFar = 2;

        var card = await AuthenticateAsync(_ => Card);

        Assert.Same(Card, card);
        Assert.Same(Card, _kept?.Card);
        Assert.Equal(1, _lockout.Successes);
    }

    [Fact]
    public async Task Authenticate_RightCodeFirstTime_OneLockoutCallAndNothingToReset()
    {
        var card = await AuthenticateAsync(_ => Card);

        Assert.Same(Card, card);
        Assert.Same(Card, _kept?.Card);
        Assert.Equal((1, 0, 0), (_lockout.Checks, _lockout.WrongCodes, _lockout.Successes));
    }

    [Fact]
    public async Task Authenticate_LockedMember_RefusedBeforeTheIssuerIsAsked()
    {
        _lockout.Locked = true;

        var e = await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => Card));

        Assert.Equal(GatewayError.MemberLocked, e.Error);
        Assert.Equal(0, _issuerCalls);
    }

    [Theory]
    [InlineData(2, "Wrong or already used access code.")]
    [InlineData(0, "Wrong or already used access code; the member is now locked.")]
    public async Task Authenticate_WrongCode_CountedWithAttemptsLeft(int left, string detail)
    {
        _lockout.AttemptsLeft = left;

        var e = await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => throw Failure(IssuerCallFailure.InvalidAccessCode)));

        Assert.Equal(GatewayError.InvalidAccessCode, e.Error);
        Assert.Equal(left, e.AttemptsLeft);
        Assert.Equal(detail, e.Message);
        Assert.Equal(1, _lockout.WrongCodes);
        Assert.Null(_kept);
    }

    [Theory]
    [InlineData(IssuerCallFailure.OverBudget, 1)]
    [InlineData(IssuerCallFailure.Unavailable, 5)]
    [InlineData(IssuerCallFailure.CredentialRejected, 5)]
    [InlineData(IssuerCallFailure.InvalidCardData, 5)]
    public async Task Authenticate_IssuerFailure_UnavailableWithRetryAfterNothingCounted(IssuerCallFailure failure, int retrySeconds)
    {
        var e = await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => throw Failure(failure)));

        Assert.Equal(GatewayError.IssuerUnavailable, e.Error);
        Assert.Equal(TimeSpan.FromSeconds(retrySeconds), e.RetryAfter);
        Assert.Equal(0, _lockout.WrongCodes);
        Assert.Equal(0, _budget.Refused);
        Assert.Null(_kept);
    }

    [Fact]
    public async Task Authenticate_WrongCode_CountedAgainstTheSessionAndDevice()
    {
        await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => throw Failure(IssuerCallFailure.InvalidAccessCode)));

        Assert.Equal(1, _budget.Refused);
    }

    [Fact]
    public async Task Authenticate_BudgetUsedUp_RefusedBeforeTheIssuerIsAsked()
    {
        _budget.UsedUp = true;

        var e = await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => Card));

        Assert.Equal(GatewayError.RateLimited, e.Error);
        Assert.Equal(0, _issuerCalls);
    }

    [Fact]
    public async Task Authenticate_IdenticalRetry_GoesOnFromTheKeptAnswerWithoutAskingTheIssuer()
    {
        await AuthenticateAsync(_ => Card);

        // The issuer consumed the code: asked again, it would refuse it.
        var card = await AuthenticateAsync(_ => throw Failure(IssuerCallFailure.InvalidAccessCode));

        Assert.Same(Card, card);
        Assert.Equal(1, _issuerCalls);
        Assert.Equal(0, _lockout.WrongCodes);
    }

    [Fact]
    public async Task Authenticate_RetryWithAnotherCode_AsksTheIssuerAgain()
    {
        await AuthenticateAsync(_ => Card);

        await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => throw Failure(IssuerCallFailure.InvalidAccessCode), "999999"));

        Assert.Equal(2, _issuerCalls);
    }

    [Fact]
    public async Task Authenticate_RecordingSuccessFails_AnswerIsStillKeptForTheRetry()
    {
        _lockout.WrongCodesSoFar = 1;
        _lockout.FailSuccess = true;

        await Assert.ThrowsAsync<InvalidOperationException>(() => AuthenticateAsync(_ => Card));

        Assert.Same(Card, _kept?.Card);
    }

    [Fact]
    public async Task Authenticate_LockedMemberWithKeptAnswer_StillRefused()
    {
        await AuthenticateAsync(_ => Card);
        _lockout.Locked = true;

        var e = await Assert.ThrowsAsync<GatewayException>(() => AuthenticateAsync(_ => Card));

        Assert.Equal(GatewayError.MemberLocked, e.Error);
    }

    private Task<IssuerCard> AuthenticateAsync(Func<string, IssuerCard> issuer, string accessCode = "123456")
    {
        var authenticator = new MemberAuthenticator((issuerId, memberId, code, _) =>
        {
            Assert.Equal(("demo-card", "member-1"), (issuerId, memberId));
            _issuerCalls++;
            return Task.FromResult(issuer(code));
        });
        return authenticator.AuthenticateAsync(_lockout, _budget, SessionId, "demo-card", "member-1", accessCode, _kept, answer => _kept = answer);
    }

    private static readonly Guid SessionId = Guid.NewGuid();

    private static IssuerCallException Failure(IssuerCallFailure failure) => new(failure, failure.ToString());

    private sealed class FakeLockout : IMemberLockoutGrain
    {
        public bool Locked { get; set; }

        public bool FailSuccess { get; set; }

        public int AttemptsLeft { get; set; } = 3;

        /// <summary>What <see cref="EnsureNotLockedAsync"/> answers: the member's wrong codes in a row before this attempt.</summary>
        public int WrongCodesSoFar { get; set; }

        public int Checks { get; private set; }

        public int WrongCodes { get; private set; }

        public int Successes { get; private set; }

        public Task<int> EnsureNotLockedAsync(string memberId)
        {
            Assert.Equal("member-1", memberId);
            Checks++;
            return Locked ? throw new GatewayException(GatewayError.MemberLocked, "Locked.") : Task.FromResult(WrongCodesSoFar);
        }

        public Task<int> RecordWrongCodeAsync(string memberId)
        {
            Assert.Equal("member-1", memberId);
            WrongCodes++;
            return Task.FromResult(AttemptsLeft);
        }

        public Task RecordSuccessAsync(string memberId)
        {
            Assert.Equal("member-1", memberId);
            Successes++;
            return FailSuccess ? throw new InvalidOperationException("Storage is down.") : Task.CompletedTask;
        }
    }

    private sealed class FakeBudget : IAuthenticationBudgetGrain
    {
        public bool UsedUp { get; set; }

        public int Refused { get; private set; }

        public Task EnsureAttemptAllowedAsync(Guid sessionId) =>
            UsedUp ? throw new GatewayException(GatewayError.RateLimited, "Used up.", retryAfter: TimeSpan.FromSeconds(1)) : Task.CompletedTask;

        public Task RecordRefusedAsync(Guid sessionId)
        {
            Assert.Equal(SessionId, sessionId);
            Refused++;
            return Task.CompletedTask;
        }
    }
}
