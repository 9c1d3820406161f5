namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>The Azurite the test script starts.</summary>
public static class TestStorage
{
    public const string Variable = "WALLETGATEWAY_TEST_STORAGE";

    /// <summary>Connection strings of the Azurite's other accounts (AZURITE_ACCOUNTS), one a line.</summary>
    public const string ShardsVariable = "WALLETGATEWAY_TEST_STORAGE_SHARDS";

    public static string ConnectionString => Read(Variable);

    /// <summary>The other accounts of the test Azurite (two with ./test.sh).</summary>
    public static string[] ShardConnectionStrings =>
        Read(ShardsVariable).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Read(string variable) =>
        Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{variable} is not set. These tests need Azurite: run ./test.sh (it starts Azurite with its accounts and sets it), " +
                $"or start Azurite and export {variable} as test.sh does.");
}
