using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WalletGateway.Grains;

public sealed class DeviceGrain(
    [PersistentState("device", StorageNames.Durable)] IPersistentState<DeviceState> device,
    GatewayClock clock,
    StorageMetrics metrics) : Grain, IDeviceGrain
{
    public async Task<DeviceCredentials> RegisterAsync(string model, string osVersion)
    {
        if (device.State.Registered)
        {
            throw new GatewayException(GatewayError.DeviceAlreadyRegistered, "This device is already registered.");
        }

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        device.State.Registered = true;
        device.State.TokenHash = Hash(secret);
        device.State.Model = model;
        device.State.OsVersion = osVersion;
        device.State.RegisteredAt = clock.UtcNow;
        await this.WriteDurablyAsync(device, metrics);
        var deviceId = this.GetPrimaryKeyString();
        return new DeviceCredentials(deviceId, DeviceToken.Format(deviceId, secret));
    }

    public Task<bool> IsTokenValidAsync(string tokenSecret) =>
        Task.FromResult(device.State.Registered && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Hash(tokenSecret)), Encoding.ASCII.GetBytes(device.State.TokenHash)));

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
