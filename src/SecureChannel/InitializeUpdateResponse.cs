namespace WalletGateway.SecureChannel;

/// <summary>
/// The data of the INITIALIZE UPDATE response: KDD(10) ‖ KVN ‖ SCP identifier ‖ i ‖ card challenge(8) ‖
/// card cryptogram(8) ‖ sequence counter(3). The card encodes it, the host reads it.
/// </summary>
internal sealed record InitializeUpdateResponse(
    byte[] Kdd, byte KeyVersion, byte ScpIdentifier, byte IParameter, byte[] CardChallenge, byte[] CardCryptogram, int SequenceCounter)
{
    public const int Length = ChipKeys.KddLength + 3 + 2 * Scp03.S8 + 3;

    private const int ChallengeOffset = ChipKeys.KddLength + 3;
    private const int CryptogramOffset = ChallengeOffset + Scp03.S8;
    private const int CounterOffset = CryptogramOffset + Scp03.S8;

    /// <summary>The response data of this profile's key version, SCP and i parameter.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> kdd, ReadOnlySpan<byte> cardChallenge, ReadOnlySpan<byte> cardCryptogram, int sequenceCounter)
    {
        var data = new byte[Length];
        kdd.CopyTo(data);
        data[ChipKeys.KddLength] = ChipKeys.KeyVersion;
        data[ChipKeys.KddLength + 1] = Scp03.ScpIdentifier;
        data[ChipKeys.KddLength + 2] = Scp03.IParameter;
        cardChallenge.CopyTo(data.AsSpan(ChallengeOffset));
        cardCryptogram.CopyTo(data.AsSpan(CryptogramOffset));
        Scp03.WriteCounter(sequenceCounter, data.AsSpan(CounterOffset));
        return data;
    }

    /// <summary>Splits response data of <see cref="Length"/> bytes into its fields; null for another length.</summary>
    public static InitializeUpdateResponse? TryParse(ReadOnlySpan<byte> data) => data.Length != Length
        ? null
        : new InitializeUpdateResponse(
            data[..ChipKeys.KddLength].ToArray(),
            data[ChipKeys.KddLength],
            data[ChipKeys.KddLength + 1],
            data[ChipKeys.KddLength + 2],
            data.Slice(ChallengeOffset, Scp03.S8).ToArray(),
            data.Slice(CryptogramOffset, Scp03.S8).ToArray(),
            Scp03.ReadCounter(data[CounterOffset..]));
}
