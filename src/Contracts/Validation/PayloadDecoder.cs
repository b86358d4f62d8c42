using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;

namespace Pontive.Iot.Contracts.Validation;

/// <summary>
/// Bytes from the wire to a valid v1 message, or a <see cref="Rejection"/> saying why not. Never throws for bad
/// input: size, UTF-8, JSON, version, types and every contract rule are checked, in that order.
/// </summary>
public static class PayloadDecoder
{
    public static Decoded<TelemetryMessage> DecodeTelemetry(ReadOnlySpan<byte> payload) =>
        Decode(payload, WireJsonContext.Default.TelemetryMessage, TelemetryRules.Check);

    public static Decoded<DepositMessage> DecodeDeposit(ReadOnlySpan<byte> payload) =>
        Decode(payload, WireJsonContext.Default.DepositMessage, DepositRules.Check);

    public static Decoded<StatusMessage> DecodeStatus(ReadOnlySpan<byte> payload) =>
        Decode(payload, WireJsonContext.Default.StatusMessage, StatusRules.Check);

    public static Decoded<AckMessage> DecodeAck(ReadOnlySpan<byte> payload) =>
        Decode(payload, WireJsonContext.Default.AckMessage, AckRules.Check);

    public static Decoded<CorrectionMessage> DecodeCorrection(ReadOnlySpan<byte> payload) =>
        Decode(payload, WireJsonContext.Default.CorrectionMessage, CorrectionRules.Check);

    public static Decoded<ConfigMessage> DecodeConfig(ReadOnlySpan<byte> payload) =>
        Decode(payload, WireJsonContext.Default.ConfigMessage, ConfigRules.Check);

    private static Decoded<T> Decode<T>(ReadOnlySpan<byte> payload, JsonTypeInfo<T> typeInfo, Func<T, Rejection?> rules)
        where T : class
    {
        if (payload.Length > WireLimits.MaxPayloadBytes)
        {
            return Decoded<T>.Refused(Rejection.Of(RejectionCode.TooLarge,
                $"the payload is {payload.Length} bytes; the limit is {WireLimits.MaxPayloadBytes} (64 KiB)"));
        }

        if (payload.IsEmpty)
        {
            return Decoded<T>.Refused(Rejection.Of(RejectionCode.InvalidJson, "the payload is empty"));
        }

        if (!Utf8.IsValid(payload))
        {
            return Decoded<T>.Refused(Rejection.Of(RejectionCode.InvalidUtf8, "the payload is not valid UTF-8"));
        }

        if (VersionProbe.Check(payload) is { } versionRejection)
        {
            return Decoded<T>.Refused(versionRejection);
        }

        T? message;
        try
        {
            message = JsonSerializer.Deserialize(payload, typeInfo);
        }
        catch (JsonException ex)
        {
            return Decoded<T>.Refused(JsonErrors.Explain(ex));
        }

        if (message is null)
        {
            return Decoded<T>.Refused(Rejection.Of(RejectionCode.InvalidJson, "the payload is JSON null"));
        }

        return rules(message) is { } rejection ? Decoded<T>.Refused(rejection) : Decoded<T>.Valid(message);
    }
}
