using Microsoft.Extensions.Logging;

namespace Pontive.Iot.Ingest.Diagnostics;

/// <summary>Every log line of Ingest. Event ids: 1xx broker, 2xx pipeline and storage, 3xx dead letters, 4xx start-up.</summary>
internal static partial class Log
{
    [LoggerMessage(100, LogLevel.Information, "Embedded MQTT broker listening on {Address}:{Port}")]
    public static partial void EmbeddedBrokerStarted(ILogger logger, string address, int port);

    [LoggerMessage(101, LogLevel.Information, "Connected to MQTT broker {Host}:{Port} as '{ClientId}' (session present: {SessionPresent})")]
    public static partial void ExternalBrokerConnected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

    [LoggerMessage(102, LogLevel.Warning, "Cannot reach MQTT broker {Host}:{Port}: {Error}; next attempt in {Delay}")]
    public static partial void ExternalBrokerUnreachable(ILogger logger, string host, int port, string error, TimeSpan delay);

    [LoggerMessage(103, LogLevel.Warning, "Device publish on '{Topic}' not stored within {Timeout}; the device was told to keep it and retry")]
    public static partial void StoreTimedOut(ILogger logger, string topic, TimeSpan timeout);

    [LoggerMessage(104, LogLevel.Debug, "Acknowledgement of a message on '{Topic}' failed (the broker will deliver it again): {Error}")]
    public static partial void AcknowledgeFailed(ILogger logger, string topic, string error);

    [LoggerMessage(105, LogLevel.Information, "Disconnected from MQTT broker: {Reason}")]
    public static partial void ExternalBrokerDisconnected(ILogger logger, string reason);

    [LoggerMessage(106, LogLevel.Debug, "Acknowledged {Count} stored deposit(s) to {Site}/{Device}")]
    public static partial void DepositsAcknowledged(ILogger logger, int count, string site, string device);

    [LoggerMessage(107, LogLevel.Warning, "Could not acknowledge {Count} stored deposit(s) to {Site}/{Device} (the device will send them again and be acknowledged then): {Error}")]
    public static partial void AckFailed(ILogger logger, int count, string site, string device, string error);

    [LoggerMessage(200, LogLevel.Warning, "Write to {Destination} failed (attempt {Attempt}); retrying in {Delay}: {Error}")]
    public static partial void WriteRetrying(ILogger logger, string destination, int attempt, TimeSpan delay, string? error);

    [LoggerMessage(201, LogLevel.Debug, "Stored {Messages} messages as {Points} points")]
    public static partial void BatchStored(ILogger logger, int messages, int points);

    [LoggerMessage(202, LogLevel.Error, "InfluxDB refused a batch of {Messages} messages for good ({Error}); writing them one by one to keep the good ones")]
    public static partial void BatchRefused(ILogger logger, int messages, string error);

    [LoggerMessage(203, LogLevel.Error, "Ingest pipeline failed unexpectedly; the host stops so systemd can restart it")]
    public static partial void PipelineCrashed(ILogger logger, Exception exception);

    [LoggerMessage(204, LogLevel.Critical, "FaultInjection:KillAfterWrites reached: killing the process after storing {Messages} messages and before acknowledging them")]
    public static partial void FaultInjectionKill(ILogger logger, int messages);

    [LoggerMessage(300, LogLevel.Warning, "Rejected a message from {Source} on '{Topic}': {Code}: {Reason}")]
    public static partial void Rejected(ILogger logger, string source, string topic, string code, string reason);

    [LoggerMessage(301, LogLevel.Warning, "{Count} more messages from {Source} were rejected for {Code} in the last {Window}; they are kept as dead letters")]
    public static partial void RejectionsSuppressed(ILogger logger, long count, string source, string code, TimeSpan window);

    [LoggerMessage(302, LogLevel.Error, "Could not keep a rejected message as a dead letter: {Error}")]
    public static partial void DeadLetterFailed(ILogger logger, string error);

    [LoggerMessage(310, LogLevel.Information, "Replayed dead letters: {Stored} stored, {Refused} refused again (still dead letters, with the new reason), {Skipped} skipped")]
    public static partial void DeadLettersReplayed(ILogger logger, int stored, int refused, int skipped);

    [LoggerMessage(311, LogLevel.Warning, "Replayed dead letter #{Id} on '{Topic}' was refused again: {Code}: {Reason}")]
    public static partial void ReplayRefused(ILogger logger, long id, string topic, string code, string reason);

    [LoggerMessage(108, LogLevel.Information, "Site {Site} has price table {Version}; given to {Devices} known device(s)")]
    public static partial void SiteConfigSet(ILogger logger, string site, string version, int devices);

    [LoggerMessage(109, LogLevel.Warning, "Could not give {Site}/{Device} its configuration (it is tried again with the device's next message): {Error}")]
    public static partial void ConfigNotGiven(ILogger logger, string site, string device, string error);

    [LoggerMessage(400, LogLevel.Information, "Ingest writes to {Destination}")]
    public static partial void WritingTo(ILogger logger, string destination);
}
