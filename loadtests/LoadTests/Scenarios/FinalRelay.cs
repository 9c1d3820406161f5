using WalletGateway.Contracts;
using WalletGateway.SecureChannel;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// Tells the step that carries the last STORE DATA block (GlobalPlatform INS E2, P1 bit 8 set): once the chip has
/// taken it, the chip holds the card, and the relay of its answers is the final one (answered <c>done</c>).
/// </summary>
public static class FinalRelay
{
    private const byte InsStoreData = 0xE2;
    private const byte P1LastBlock = 0x80;

    public static bool FollowsLastBlock(SessionStepResponse step) =>
        step.ApdusOrEmpty.Select(Hex.Parse).Any(c => c.Length > 2 && c[1] == InsStoreData && (c[2] & P1LastBlock) != 0);
}
