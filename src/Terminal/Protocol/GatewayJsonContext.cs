using System.Text.Json;
using System.Text.Json.Serialization;

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
[JsonSerializable(typeof(DeviceRegistration))]
[JsonSerializable(typeof(IReadOnlyList<IssuerSummary>))]
[JsonSerializable(typeof(SessionOpened))]
[JsonSerializable(typeof(StepResponse))]
[JsonSerializable(typeof(SessionView))]
[JsonSerializable(typeof(IReadOnlyList<ChipCardStatus>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
