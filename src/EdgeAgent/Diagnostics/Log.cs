using Microsoft.Extensions.Logging;

namespace Pontive.Iot.EdgeAgent.Diagnostics;

/// <summary>Every log line of the agent. Event ids: 1xx MQTT, 2xx sensors, 3xx outbox and publishing.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Connected to MQTT broker {Host}:{Port} as '{ClientId}' (session present: {SessionPresent})")]
    public static partial void Connected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(101, LogLevel.Warning, "Cannot connect to MQTT broker {Host}:{Port}: {Error}")]
    public static partial void ConnectFailed(ILogger logger, string host, int port, string error);

    [LoggerMessage(102, LogLevel.Warning, "Disconnected from MQTT broker ({Reason}): {Error}")]
    public static partial void Disconnected(ILogger logger, string reason, string? error);

    [LoggerMessage(103, LogLevel.Information, "Reconnecting to the MQTT broker in {Delay}")]
    public static partial void ReconnectingIn(ILogger logger, TimeSpan delay);

    [LoggerMessage(104, LogLevel.Warning, "Clean disconnect failed: {Error}")]
    public static partial void DisconnectFailed(ILogger logger, string error);

    [LoggerMessage(105, LogLevel.Warning, "Could not publish the device status: {Error}")]
    public static partial void StatusFailed(ILogger logger, string error);

    [LoggerMessage(200, LogLevel.Warning, "Sensor {SensorId} ({Driver}) failed {Failures} time(s) in a row; next try in {Delay}: {Error}")]
    public static partial void SensorFailed(ILogger logger, string sensorId, string driver, int failures, TimeSpan delay, string error);

    [LoggerMessage(300, LogLevel.Debug, "Telemetry message {Seq} with {Samples} samples delivered")]
    public static partial void TelemetryPublished(ILogger logger, long seq, int samples);

    [LoggerMessage(301, LogLevel.Warning, "Telemetry message {Seq} not stored by the city ({ReasonCode}: {Reason}); it stays in the outbox")]
    public static partial void TelemetryNotStored(ILogger logger, long seq, string reasonCode, string? reason);

    [LoggerMessage(302, LogLevel.Error, "The city refused telemetry message {Seq} with {Samples} samples and kept it for inspection: {Reason}")]
    public static partial void TelemetryRefused(ILogger logger, int samples, long seq, string reason);

    [LoggerMessage(303, LogLevel.Warning, "Publishing telemetry message {Seq} failed; it stays in the outbox: {Error}")]
    public static partial void PublishFailed(ILogger logger, long seq, string error);
}
