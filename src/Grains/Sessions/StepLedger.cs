using System.Security.Cryptography;
using System.Text;
using WalletGateway.Grains.Interfaces.Models;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// The order of a session's steps: the step expected next and the answer to the last one. An identical
/// retry of the last step (same sequence number, same fingerprint) is answered again, on a closed session only
/// when that step closed it as done; anything else out of order is refused with <see cref="GatewayError.SequenceConflict"/>
/// (<see cref="GatewayError.SessionClosed"/> once the session is closed).
/// </summary>
[GenerateSerializer, Immutable, Alias("WalletGateway.StepLedger")]
public sealed record StepLedger([property: Id(0)] int ExpectedSeq, [property: Id(1)] AnsweredStep? Last)
{
    public static StepLedger Start { get; } = new(0, null);

    /// <summary>
    /// Checks step <paramref name="seq"/> of a session in <paramref name="state"/>. Returns the earlier
    /// answer of an identical retry of the last step, null when the step may run; throws when out of order.
    /// </summary>
    public StepResponse? Check(int seq, string fingerprint, SessionState state, params SessionState[] allowed)
    {
        // A closed session answers again only the step that closed it with its done answer; any other answer is stale.
        if (Last is { } last && last.Seq == seq && SameRequest(last.Fingerprint, fingerprint) && (last.Response.Done || !state.IsClosed()))
        {
            return last.Response;
        }

        if (state.IsClosed())
        {
            throw SessionStates.Closed(state);
        }

        if (Last?.Seq == seq)
        {
            throw new GatewayException(GatewayError.SequenceConflict, $"Step {seq} was already answered for a different request.");
        }

        if (seq != ExpectedSeq || !allowed.Contains(state))
        {
            throw new GatewayException(GatewayError.SequenceConflict, $"Expected step {ExpectedSeq} (session is {state.Describe()}), got {seq}.");
        }

        return null;
    }

    /// <summary>The ledger once step <paramref name="seq"/> has been answered with <paramref name="response"/>.</summary>
    public StepLedger Answered(int seq, string fingerprint, StepResponse response) =>
        new(seq + 1, new AnsweredStep(seq, fingerprint, response));

    /// <summary>An authenticate step's fingerprint: a hash, so the access code is not kept.</summary>
    public static string Fingerprint(string memberId, string accessCode) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{memberId}\n{accessCode}")));

    /// <summary>A relay step's fingerprint: the chip's responses, whatever the case of their hex digits.</summary>
    public static string Fingerprint(IReadOnlyList<string> responses) => string.Join(',', responses).ToUpperInvariant();

    /// <summary>Compares fingerprints in constant time (an authenticate fingerprint derives from an access code).</summary>
    public static bool SameRequest(string fingerprint, string other) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(fingerprint), Encoding.UTF8.GetBytes(other));
}
