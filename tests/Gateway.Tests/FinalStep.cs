using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;
using WalletGateway.Terminal.Protocol;
using static WalletGateway.Gateway.Tests.TestTerminal;

namespace WalletGateway.Gateway.Tests;

/// <summary>
/// A session written up to its final step: the chip ran the last batch (it holds the card) and its answers
/// (<see cref="Responses"/>, the receipt last) are ready to relay as step <see cref="Seq"/>.
/// </summary>
public sealed record FinalStep(
    string MemberId, string Code, string Token, SoftSecureElement Chip, string SessionId, int FirstSeq, List<string> FirstResponses, int Seq, List<string> Responses)
{
    public static async Task<FinalStep> ReachAsync(GatewayFixture fixture)
    {
        var (memberId, code) = await fixture.CreateMemberAsync();
        var token = await fixture.RegisterDeviceAsync();
        var chip = GatewayFixture.NewChip();
        var (session, first) = await OpenAndAuthenticateAsync(fixture.Client, token, chip, memberId, code);
        var firstResponses = ProvisioningRunner.RelayToChip(chip, first);
        var second = await fixture.Client.RelayAsync(token, session.SessionId, first.Seq, firstResponses, TestContext.Current.CancellationToken);
        return new FinalStep(memberId, code, token, chip, session.SessionId, first.Seq, firstResponses, second.Seq, ProvisioningRunner.RelayToChip(chip, second));
    }

    /// <summary>The final answers with the receipt's first byte flipped: its R-MAC no longer verifies.</summary>
    public List<string> Tampered()
    {
        var last = Hex.Parse(Responses[^1]);
        last[0] ^= 0x80;
        return [.. Responses[..^1], Hex.Format(last)];
    }
}
