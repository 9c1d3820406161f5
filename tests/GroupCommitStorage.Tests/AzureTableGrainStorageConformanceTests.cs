namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>The conformance suite against Orleans' own provider: the behaviour to match.</summary>
public sealed class AzureTableGrainStorageConformanceTests(AzureTableStorageFixture fixture)
    : GrainStorageConformanceTests(fixture), IClassFixture<AzureTableStorageFixture>;
