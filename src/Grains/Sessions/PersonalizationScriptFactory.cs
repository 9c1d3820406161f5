using Microsoft.Extensions.Options;
using WalletGateway.SecureChannel;

namespace WalletGateway.Grains.Sessions;

/// <summary>
/// Builds sessions' SCP03 personalisation and removal scripts. The only holder of the secure-element master key:
/// chip keys are derived here, from the chip id (its KDD), and nowhere else.
/// </summary>
public sealed class PersonalizationScriptFactory(IOptions<SecureElementOptions> secureElement, IOptions<SessionOptions> sessions)
{
    private readonly byte[] _masterKey = Convert.FromHexString(secureElement.Value.MasterKey);
    private readonly int _maxApdusPerStep = sessions.Value.MaxApdusPerStep;

    /// <summary>A script, not yet started, that writes <paramref name="card"/> to the chip <paramref name="chipId"/>.</summary>
    public PersonalizationScript Create(string chipId, CardData card, byte[] hostChallenge)
    {
        var kdd = Convert.FromHexString(chipId);
        return new PersonalizationScript(ChipKeys.Derive(_masterKey, kdd), kdd, card, _maxApdusPerStep, hostChallenge);
    }

    /// <summary>A script, not yet started, that takes the card <paramref name="cardId"/> off the chip <paramref name="chipId"/>.</summary>
    public RemovalScript CreateRemoval(string chipId, string cardId, byte[] hostChallenge)
    {
        var kdd = Convert.FromHexString(chipId);
        return new RemovalScript(ChipKeys.Derive(_masterKey, kdd), kdd, cardId, _maxApdusPerStep, hostChallenge);
    }
}
