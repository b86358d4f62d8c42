using System.Text.Json.Serialization;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Serialization;

/// <summary>
/// Source-generated JSON for every v1 payload: snake_case names, unknown fields ignored, nulls and duplicate
/// keys refused, the contract's time format, and numbers only as JSON numbers.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false,
    MaxDepth = WireLimits.MaxJsonDepth,
    NumberHandling = JsonNumberHandling.Strict,
    Converters = [typeof(WireTimeConverter)])]
[JsonSerializable(typeof(TelemetryMessage))]
[JsonSerializable(typeof(Sample))]
[JsonSerializable(typeof(DepositMessage))]
[JsonSerializable(typeof(StatusMessage))]
[JsonSerializable(typeof(AckMessage))]
[JsonSerializable(typeof(CorrectionMessage))]
[JsonSerializable(typeof(ConfigMessage))]
public sealed partial class WireJsonContext : JsonSerializerContext;
