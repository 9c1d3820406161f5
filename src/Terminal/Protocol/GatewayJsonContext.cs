using System.Text.Json;
using System.Text.Json.Serialization;
using WalletGateway.Contracts;

namespace WalletGateway.Terminal.Protocol;

// Strict on what a success body must hold: a missing or null required field is a JsonException
// here rather than a NullReferenceException somewhere in the relay loop.
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(RegisterDeviceRequest))]
[JsonSerializable(typeof(OpenSessionRequest))]
[JsonSerializable(typeof(AuthenticateRequest))]
[JsonSerializable(typeof(RelayRequest))]
[JsonSerializable(typeof(RemoveRequest))]
[JsonSerializable(typeof(DeviceRegisteredResponse))]
[JsonSerializable(typeof(IReadOnlyList<IssuerResponse>))]
[JsonSerializable(typeof(SessionOpenedResponse))]
[JsonSerializable(typeof(SessionStepResponse))]
[JsonSerializable(typeof(SessionStateResponse))]
[JsonSerializable(typeof(IReadOnlyList<ChipCardResponse>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
