using System.Text.Json;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Contracts.Serialization;

/// <summary>Messages to UTF-8 JSON bytes in the contract's form.</summary>
public static class PayloadEncoder
{
    public static byte[] Encode(TelemetryMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.TelemetryMessage);

    public static byte[] Encode(DepositMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.DepositMessage);

    public static byte[] Encode(StatusMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.StatusMessage);

    public static byte[] Encode(AckMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.AckMessage);

    public static byte[] Encode(CorrectionMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.CorrectionMessage);

    public static byte[] Encode(ConfigMessage message) => JsonSerializer.SerializeToUtf8Bytes(message, WireJsonContext.Default.ConfigMessage);
}
