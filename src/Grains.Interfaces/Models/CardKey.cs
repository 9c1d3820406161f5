namespace WalletGateway.Grains.Interfaces.Models;

/// <summary>Keys of grains named by an issuer and an issuer-side id.</summary>
public static class CardKey
{
    /// <summary>The <see cref="ICardGrain"/> key of an issuer's card reference.</summary>
    public static string For(string issuerId, string cardRef) => $"{issuerId}/{cardRef}";
}
