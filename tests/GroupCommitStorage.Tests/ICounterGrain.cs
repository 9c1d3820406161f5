namespace WalletGateway.GroupCommitStorage.Tests;

[Alias("gc-tests.counter")]
public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();
}
