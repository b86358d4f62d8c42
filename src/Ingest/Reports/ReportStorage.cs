using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports.Influx;

namespace Pontive.Iot.Ingest.Reports;

/// <summary>
/// Where each kind of data lives in InfluxDB: the ledger (deposits, voids, statuses: where Ingest writes, kept
/// forever by default), raw telemetry (the ledger's policy, or its own when <see cref="ReportsOptions.RawRetention"/>
/// is set), and the hourly and daily roll-ups.
/// </summary>
public sealed class ReportStorage
{
    public ReportStorage(IOptions<InfluxDbOptions> influx, IOptions<ReportsOptions> reports)
    {
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(reports);
        var influxOptions = influx.Value;
        var options = reports.Value;
        IsV1 = influxOptions.Api == InfluxApi.V1;
        Database = IsV1 ? influxOptions.Database : influxOptions.Bucket ?? string.Empty;
        LedgerRetentionPolicy = IsV1 && !string.IsNullOrWhiteSpace(influxOptions.RetentionPolicy) ? influxOptions.RetentionPolicy : null;
        RoutesTelemetry = IsV1 && options.RawRetention is not null;
        RawRetentionPolicy = RoutesTelemetry ? options.RawRetentionPolicy : LedgerRetentionPolicy;
        HourlyRetentionPolicy = options.HourlyRetentionPolicy;
        DailyRetentionPolicy = options.DailyRetentionPolicy;
        Rollups = options.Rollups ?? (IsV1 ? RollupMode.Managed : RollupMode.Off);
        RawRetention = RoutesTelemetry ? options.RawRetention : null;
    }

    public bool IsV1 { get; }

    public string Database { get; }

    /// <summary>Deposits, voids and statuses; null is the database's default policy.</summary>
    public string? LedgerRetentionPolicy { get; }

    /// <summary>True when telemetry is written to a policy of its own (<see cref="RawRetentionPolicy"/>).</summary>
    public bool RoutesTelemetry { get; }

    /// <summary>Raw telemetry; null is the database's default policy.</summary>
    public string? RawRetentionPolicy { get; }

    /// <summary>How long raw telemetry is kept, when Ingest sets it; null means as long as the ledger.</summary>
    public TimeSpan? RawRetention { get; }

    public string HourlyRetentionPolicy { get; }

    public string DailyRetentionPolicy { get; }

    public RollupMode Rollups { get; }

    public bool HasRollups => Rollups != RollupMode.Off;

    public string Ledger(string measurement) => InfluxQl.Measurement(Database, LedgerRetentionPolicy, measurement);

    public string Raw(string measurement) => InfluxQl.Measurement(Database, RawRetentionPolicy, measurement);

    public string Hourly(string measurement) => InfluxQl.Measurement(Database, HourlyRetentionPolicy, measurement);

    public string Daily(string measurement) => InfluxQl.Measurement(Database, DailyRetentionPolicy, measurement);
}
