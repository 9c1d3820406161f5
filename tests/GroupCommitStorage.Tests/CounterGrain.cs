namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>Uses the provider through configuration only, as the gateway's grains do.</summary>
public sealed class CounterGrain([PersistentState("counter", StorageFixture.ProviderName)] IPersistentState<TestState> state) : Grain, ICounterGrain
{
    public async Task<int> IncrementAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        return state.State.Version;
    }
}
