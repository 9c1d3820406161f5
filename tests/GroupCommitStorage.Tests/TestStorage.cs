namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>The Azurite the test script starts.</summary>
public static class TestStorage
{
    public const string Variable = "WALLETGATEWAY_TEST_STORAGE";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{Variable} is not set. These tests need Azurite: run ./test.sh (it starts Azurite and sets it), " +
                $"or start Azurite and export {Variable} with its connection string.");
}
