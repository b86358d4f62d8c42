using Microsoft.Extensions.Logging;

namespace Pontive.Iot.Ingest.Reports;

/// <summary>Log lines of reports, retention and roll-ups: event ids 7xx (issue 7).</summary>
internal static partial class ReportsLog
{
    [LoggerMessage(700, LogLevel.Information, "Roll-ups on InfluxDB database '{Database}' are in place: {Changes}")]
    public static partial void RollupsReady(ILogger logger, string database, string changes);

    [LoggerMessage(701, LogLevel.Warning, "Could not set up the roll-ups on InfluxDB (attempt {Attempt}); trying again in {Delay}: {Error}")]
    public static partial void RollupSetupFailed(ILogger logger, int attempt, TimeSpan delay, string error);

    [LoggerMessage(702, LogLevel.Warning, "InfluxDB dropped {Count} telemetry point(s) older than the raw retention ({Retention}); the rest of the batch is stored")]
    public static partial void PointsBeyondRetention(ILogger logger, string count, TimeSpan retention);

    [LoggerMessage(703, LogLevel.Information, "Raw telemetry goes to retention policy '{Policy}' (kept {Retention}); deposits, voids and statuses stay in {Ledger}")]
    public static partial void TelemetryRouted(ILogger logger, string policy, TimeSpan retention, string ledger);
}
