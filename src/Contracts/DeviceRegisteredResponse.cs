namespace WalletGateway.Contracts;

/// <summary>A device registered with the gateway: <c>201</c> of <c>POST /v1/devices</c>.</summary>
/// <param name="DeviceId">The gateway's id for this device.</param>
/// <param name="DeviceToken">The bearer token for every session call. A secret: never print or log it.</param>
public sealed record DeviceRegisteredResponse(string DeviceId, string DeviceToken)
{
    // The token stays out of ToString so a logged or printed registration does not leak it.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("DeviceId = ").Append(DeviceId);
        return true;
    }
}
