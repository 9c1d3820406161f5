namespace WalletGateway.GroupCommitStorage.Tests;

/// <summary>The conformance suite against the group-commit provider.</summary>
public sealed class GroupCommitGrainStorageConformanceTests(GroupCommitStorageFixture fixture)
    : GrainStorageConformanceTests(fixture), IClassFixture<GroupCommitStorageFixture>;
