namespace WalletGateway.IssuerSimulator;

/// <summary>Body of <c>POST /admin/issuers/{issuerId}/members</c>: how many members to create (1 to 10000).</summary>
public sealed record CreateMembersRequest(int Count);
