using WalletGateway.Grains.Interfaces;
using WalletGateway.Grains.Interfaces.Models;
using WalletGateway.Grains.Issuers;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// Authenticates a session's member with the card issuer: refuses a locked member (<see cref="IMemberLockoutGrain"/>),
/// and a session or device that used its refused attempts (<see cref="IAuthenticationBudgetGrain"/>), before the issuer
/// is asked; counts refused codes against the member, the session and the device; turns issuer failures into <see cref="GatewayException"/>s
/// (the issuer refusing the gateway's own credential is never the member's wrong code); and goes on from the
/// issuer's earlier answer for an identical retry, since the issuer has consumed the one-time code.
/// </summary>
/// <param name="askIssuer">
/// The issuer call (issuer id, member id, access code): <see cref="IssuerClient.AuthenticateMemberAsync"/>.
/// </param>
public sealed class MemberAuthenticator(Func<string, string, string, CancellationToken, Task<IssuerCard>> askIssuer)
{
    /// <summary>
    /// Returns the member's card. <paramref name="keep"/> receives a new answer of the issuer before anything
    /// else can fail, so the session can hand it back as <paramref name="kept"/> when the step is retried.
    /// </summary>
    public async Task<IssuerCard> AuthenticateAsync(
        IMemberLockoutGrain lockout, IAuthenticationBudgetGrain budget, Guid sessionId, string issuerId, string memberId, string accessCode,
        MemberAnswer? kept, Action<MemberAnswer> keep)
    {
        var wrongCodesSoFar = await lockout.EnsureNotLockedAsync(memberId);
        var fingerprint = StepLedger.Fingerprint(memberId, accessCode);
        if (kept is not null && StepLedger.SameRequest(kept.Fingerprint, fingerprint))
        {
            return kept.Card;
        }

        await budget.EnsureAttemptAllowedAsync(sessionId);

        IssuerCard card;
        try
        {
            card = await askIssuer(issuerId, memberId, accessCode, CancellationToken.None);
        }
        catch (IssuerCallException e) when (e.Failure == IssuerCallFailure.InvalidAccessCode)
        {
            await budget.RecordRefusedAsync(sessionId);
            var left = await lockout.RecordWrongCodeAsync(memberId);
            throw new GatewayException(GatewayError.InvalidAccessCode,
                left > 0 ? "Wrong or already used access code." : "Wrong or already used access code; the member is now locked.",
                attemptsLeft: left);
        }
        catch (IssuerCallException e) when (e.Failure == IssuerCallFailure.OverBudget)
        {
            throw new GatewayException(GatewayError.IssuerUnavailable, "The card issuer is at its request ceiling; try again shortly.",
                retryAfter: TimeSpan.FromSeconds(1));
        }
        catch (IssuerCallException e) when (e.Failure == IssuerCallFailure.InvalidCardData)
        {
            throw new GatewayException(GatewayError.IssuerUnavailable,
                $"{e.Message} Nothing was written; once the issuer has corrected the card, try again with a new access code.",
                retryAfter: TimeSpan.FromSeconds(5));
        }
        catch (IssuerCallException)
        {
            throw new GatewayException(GatewayError.IssuerUnavailable, "The card issuer is not answering; try again shortly.",
                retryAfter: TimeSpan.FromSeconds(5));
        }

        keep(new MemberAnswer(fingerprint, card));
        // Nothing to reset for a member without wrong codes (nearly every one): a clean success is one call to the shard.
        // A wrong code another session of the member records meanwhile then stays counted, until LockDuration after it.
        if (wrongCodesSoFar > 0)
        {
            await lockout.RecordSuccessAsync(memberId);
        }

        return card;
    }
}
