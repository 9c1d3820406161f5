using BenchmarkDotNet.Attributes;
using WalletGateway.SecureChannel;
using WalletGateway.SecureElement;

namespace WalletGateway.Benchmarks;

/// <summary>One full SCP03 personalisation, host and card in memory: key derivation, script, software SE.</summary>
[MemoryDiagnoser]
[MedianColumn]
public class PersonalizationBenchmark
{
    private static readonly byte[] MasterKey = Hex.Parse("00112233445566778899AABBCCDDEEFF");
    private static readonly byte[] Kdd = Hex.Parse("0102030405060708090A");

    private readonly CardData _card = new(
        "4111111111111111", "2029-02", "ADA LOVELACE", Hex.Parse("0F0E0D0C0B0A09080706050403020100"), "issuer-demo", "card-0001");

    private SoftSecureElement _chip = null!;

    [GlobalSetup]
    public void Setup() => _chip = SoftSecureElement.Create(MasterKey, Kdd);

    [Benchmark]
    public ScriptStepKind Personalize()
    {
        var keys = ChipKeys.Derive(MasterKey, Kdd);
        var script = new PersonalizationScript(keys, Kdd, _card);
        var step = script.Start();
        while (step.Kind == ScriptStepKind.SendApdus)
        {
            var responses = new List<byte[]>(step.Apdus.Count);
            foreach (var apdu in step.Apdus)
            {
                var response = _chip.Transmit(apdu);
                responses.Add(response);
                if (response[^2] != 0x90 || response[^1] != 0x00)
                {
                    break;
                }
            }

            step = script.Next(responses);
        }

        return step.Kind == ScriptStepKind.Done ? step.Kind : throw new InvalidOperationException(step.FailureReason);
    }
}
