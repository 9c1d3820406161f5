namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>The conformance suite against the group-commit provider sharded over several accounts and tables.</summary>
public sealed class ShardedGrainStorageConformanceTests(ShardedStorageFixture fixture)
    : GrainStorageConformanceTests(fixture), IClassFixture<ShardedStorageFixture>;
