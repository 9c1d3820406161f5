namespace WalletGateway.GroupCommitStorage.Tests;

[GenerateSerializer, Alias("gc-tests.state")]
public sealed class TestState
{
    [Id(0)]
    public string Text { get; set; } = "";

    [Id(1)]
    public int Version { get; set; }

    [Id(2)]
    public byte[] Blob { get; set; } = [];
}
