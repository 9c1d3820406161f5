using WalletGateway.Contracts;
using WalletGateway.SecureChannel;
using WalletGateway.Terminal.Protocol;

namespace WalletGateway.LoadTests.Scenarios;

/// <summary>
/// Tells the step that carries the last STORE DATA block (GlobalPlatform INS E2, P1 bit 8 set): once the chip has
/// taken it, the chip holds the card, and the relay of its answers is the final one (answered <c>done</c>).
/// </summary>
public static class FinalRelay
{
    public static bool FollowsLastBlock(SessionStepResponse step) =>
        step.ApdusOrEmpty.Select(Hex.Parse).Any(ProvisioningRunner.IsLastStoreData);
}
