using Microsoft.Extensions.Logging;

namespace Pontive.Iot.EdgeAgent.Diagnostics;

/// <summary>Every log line of the agent. Event ids: 1xx MQTT, 2xx sensors, 3xx outbox and publishing, 4xx clock, 5xx kiosk.</summary>
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

    [LoggerMessage(106, LogLevel.Warning, "Ignored a message on the ack channel: {Rejection}")]
    public static partial void AckIgnored(ILogger logger, string rejection);

    [LoggerMessage(107, LogLevel.Information, "The city acknowledged {Acknowledged} deposit(s) as stored ({Changed} newly)")]
    public static partial void DepositsAcknowledged(ILogger logger, int acknowledged, int changed);

    [LoggerMessage(200, LogLevel.Warning, "Sensor {SensorId} ({Driver}) failed {Failures} time(s) in a row; next try in {Delay}: {Error}")]
    public static partial void SensorFailed(ILogger logger, string sensorId, string driver, int failures, TimeSpan delay, string error);

    [LoggerMessage(201, LogLevel.Error, "A reading of {SensorId} could not be kept: {Error}")]
    public static partial void SampleNotKept(ILogger logger, string sensorId, string error);

    [LoggerMessage(202, LogLevel.Information, "Pulse timing of {SensorIds} runs at real-time priority (SCHED_FIFO {Priority})")]
    public static partial void TimingRealTime(ILogger logger, string sensorIds, int priority);

    [LoggerMessage(203, LogLevel.Information, "Pulse timing of {SensorIds} runs at nice {Nice}: real-time priority was refused (LimitRTPRIO in the unit, or the kernel's CONFIG_RT_GROUP_SCHED)")]
    public static partial void TimingNice(ILogger logger, string sensorIds, int nice);

    [LoggerMessage(204, LogLevel.Warning, "Pulse timing of {SensorIds} runs at normal priority: the service may not raise it (LimitRTPRIO=10 and LimitNICE=-10 in the unit, or CAP_SYS_NICE). Reads disturbed by preemption are rejected and retried, so weights may settle more slowly")]
    public static partial void TimingUnraised(ILogger logger, string sensorIds);

    [LoggerMessage(300, LogLevel.Debug, "Telemetry message {Seq} with {Samples} samples delivered")]
    public static partial void TelemetryPublished(ILogger logger, long seq, int samples);

    [LoggerMessage(301, LogLevel.Warning, "Telemetry message {Seq} not stored by the city ({ReasonCode}: {Reason}); it stays in the outbox")]
    public static partial void TelemetryNotStored(ILogger logger, long seq, string reasonCode, string? reason);

    [LoggerMessage(302, LogLevel.Error, "The city refused telemetry message {Seq} with {Samples} samples and kept it for inspection: {Reason}")]
    public static partial void TelemetryRefused(ILogger logger, int samples, long seq, string reason);

    [LoggerMessage(303, LogLevel.Warning, "Publishing telemetry message {Seq} failed; it stays in the outbox: {Error}")]
    public static partial void PublishFailed(ILogger logger, long seq, string error);

    [LoggerMessage(304, LogLevel.Error, "The city refused deposit {DepositId} and kept it for inspection: {Reason}")]
    public static partial void DepositRefused(ILogger logger, string depositId, string reason);

    [LoggerMessage(305, LogLevel.Warning, "Deposit {DepositId} not stored by the city ({ReasonCode}: {Reason}); it stays in the outbox")]
    public static partial void DepositNotStored(ILogger logger, string depositId, string reasonCode, string? reason);

    [LoggerMessage(306, LogLevel.Warning, "Sending deposit {DepositId} failed; it stays in the outbox: {Error}")]
    public static partial void DepositSendFailed(ILogger logger, string depositId, string error);

    [LoggerMessage(307, LogLevel.Warning, "The emulated operator could not record a deposit: {Error}")]
    public static partial void SyntheticDepositFailed(ILogger logger, string error);

    [LoggerMessage(500, LogLevel.Warning, "Ignored a configuration from the city: {Rejection}")]
    public static partial void ConfigIgnored(ILogger logger, string rejection);

    [LoggerMessage(501, LogLevel.Information, "Price table {Version} received ({Categories} categories)")]
    public static partial void PriceTableReceived(ILogger logger, string version, int categories);

    [LoggerMessage(510, LogLevel.Information, "Price table {Version} received; it waits until {EffectiveFrom:O} ({Categories} categories)")]
    public static partial void PriceTableWaiting(ILogger logger, string version, DateTimeOffset effectiveFrom, int categories);

    [LoggerMessage(511, LogLevel.Information, "Price table {Version} took effect at {EffectiveFrom:O}")]
    public static partial void PriceTableTookEffect(ILogger logger, string version, DateTimeOffset effectiveFrom);

    [LoggerMessage(512, LogLevel.Warning, "Price table {Version} took effect, but the device could not note it in its database; it takes effect again after a restart: {Error}")]
    public static partial void PriceTableTakeOverNotSaved(ILogger logger, string version, string error);

    [LoggerMessage(502, LogLevel.Warning, "The scale {ScaleId} does not answer: {Error}")]
    public static partial void ScaleFailed(ILogger logger, string scaleId, string error);

    [LoggerMessage(503, LogLevel.Information, "Operator {Operator} signed in at the kiosk")]
    public static partial void OperatorSignedIn(ILogger logger, string @operator);

    [LoggerMessage(504, LogLevel.Warning, "Wrong PIN for operator {Operator} at the kiosk ({Result})")]
    public static partial void WrongPin(ILogger logger, string @operator, string result);

    [LoggerMessage(505, LogLevel.Information, "Operator {Operator} was signed out of the kiosk after {Idle} without operator activity")]
    public static partial void SignedOutIdle(ILogger logger, string @operator, string idle);

    [LoggerMessage(400, LogLevel.Warning, "The clock is not trusted yet (waiting for {SyncedFlag}); readings are flagged and held back for correction")]
    public static partial void ClockNotTrusted(ILogger logger, string syncedFlag);

    [LoggerMessage(401, LogLevel.Information, "The clock is trusted now ({Now:O})")]
    public static partial void ClockTrusted(ILogger logger, DateTimeOffset now);

    [LoggerMessage(402, LogLevel.Information, "Corrected the times of {Samples} sample(s) and {Deposits} deposit(s) taken before the clock was trusted")]
    public static partial void TimesCorrected(ILogger logger, int samples, int deposits);
}
