using WalletGateway.SecureChannel;
using static WalletGateway.SecureChannel.Tests.TestChips;

namespace WalletGateway.SecureChannel.Tests;

/// <summary>A card that runs SCP03 correctly but answers the last block with the wrong receipt, or none.</summary>
public sealed class FakeCardTests
{
    [Theory]
    [InlineData("wrong")]
    [InlineData("missing")]
    [InlineData("truncated")]
    public void Script_BadReceiptFromCard_Fails(string kind)
    {
        var card = new FakeCard(kind);
        var script = Script(batch: 3, blockLength: 20);

        var step = script.Start();
        while (step.Kind == ScriptStepKind.SendApdus)
        {
            step = script.Next([.. step.Apdus.Select(card.Transmit)]);
        }

        Assert.Equal(ScriptStepKind.Failed, step.Kind);
        Assert.Contains("receipt", step.FailureReason, StringComparison.OrdinalIgnoreCase);
        Assert.Null(script.Receipt);
    }

    [Fact]
    public void Script_HonestFakeCard_IsDone()
    {
        var card = new FakeCard("honest");
        var script = Script(batch: 3, blockLength: 20);

        var step = script.Start();
        while (step.Kind == ScriptStepKind.SendApdus)
        {
            step = script.Next([.. step.Apdus.Select(card.Transmit)]);
        }

        Assert.Equal(ScriptStepKind.Done, step.Kind);
    }

    private sealed class FakeCard(string receipt)
    {
        private readonly List<Dgi> _received = [];
        private readonly DgiStreamReader _reader = new();
        private CardSecureChannel? _channel;

        public byte[] Transmit(byte[] apdu)
        {
            var command = CommandApdu.Parse(apdu);
            switch (command.Ins)
            {
                case 0xA4:
                    return [0x90, 0x00];
                case 0x50:
                    var challenge = Scp03.PseudoRandomCardChallenge(KeysA.Enc, 7, Scp03.IsdAid);
                    _channel = CardSecureChannel.Open(KeysA, KddA, command.Data, challenge, 7);
                    return [.. _channel.InitializeUpdateResponseData, 0x90, 0x00];
                case 0x82:
                    return ResponseApdu.Encode(default, _channel!.Authenticate(command));
            }

            Assert.True(_channel!.TryUnwrap(command, out var plain));
            if (plain.Ins != 0xE2 || (plain.P1 & 0x80) == 0)
            {
                _received.AddRange(plain.Ins == 0xE2 ? _reader.Append(plain.Data, out _) : []);
                return _channel.WrapResponse(default, StatusWords.Success);
            }

            _received.AddRange(_reader.Append(plain.Data, out _));
            var plaintext = _received.Select(d => d.IsEncrypted
                ? new Dgi(d.Tag, PaymentPersonalization.TryDecryptWithDek(KeysA.Dek, d.Value, out var v) ? v : [])
                : d);
            var hash = PaymentPersonalization.Receipt(plaintext);
            byte[] data = receipt switch
            {
                "honest" => PaymentPersonalization.ReceiptResponse(hash),
                "wrong" => PaymentPersonalization.ReceiptResponse(Flip(hash, 31, 0)),
                "truncated" => PaymentPersonalization.ReceiptResponse(hash)[..^1],
                _ => [],
            };
            return _channel.WrapResponse(data, StatusWords.Success);
        }
    }
}
