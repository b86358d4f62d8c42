using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>
/// What the roll-ups are, as InfluxDB 1.x statements: the retention policies (raw telemetry when it has its own, hourly,
/// daily) and, for every telemetry kind of the contract and for <c>telemetry_batch</c>, a continuous query per roll-up
/// that keeps <c>mean_x, min_x, max_x, sum_x, count_x</c> of every value x per site, device and sensor. Days are WIB
/// days. Each continuous query's name ends in a hash of its text, so a changed definition (a new value in the contract,
/// a new lateness) is a new name: the set-up drops the old one and creates the new one.
/// </summary>
public sealed class RollupPlan
{
    public const string CqPrefix = "pontive_rollup_";

    private readonly ReportStorage _storage;
    private readonly ReportsOptions _options;

    public RollupPlan(ReportStorage storage, IOptions<ReportsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _options = options.Value;
        Hourly = new RollupTarget("hourly", storage.HourlyRetentionPolicy, _options.HourlyRetention, AggregationWindow.Hour);
        Daily = new RollupTarget("daily", storage.DailyRetentionPolicy, _options.DailyRetention, AggregationWindow.Day);
    }

    public RollupTarget Hourly { get; }

    public RollupTarget Daily { get; }

    public string Database => _storage.Database;

    /// <summary>The retention policies Ingest keeps: name and duration.</summary>
    public IReadOnlyList<(string Name, TimeSpan Duration)> RetentionPolicies
    {
        get
        {
            var policies = new List<(string, TimeSpan)>();
            if (_storage.RoutesTelemetry && _storage.RawRetention is { } raw)
            {
                policies.Add((_storage.RawRetentionPolicy!, raw));
            }

            policies.Add((Hourly.RetentionPolicy, Hourly.Retention));
            policies.Add((Daily.RetentionPolicy, Daily.Retention));
            return policies;
        }
    }

    /// <summary>Every roll-up query, hourly ones first.</summary>
    public IReadOnlyList<RollupQuery> Queries =>
        [.. new[] { Hourly, Daily }.SelectMany(target =>
            SensorKinds.All.Select(kind => KindQuery(target, kind)).Append(BatchQuery(target)))];

    /// <summary><c>RESAMPLE EVERY 1h FOR …</c>: every hour, the last windows are computed again, so late data is counted.</summary>
    public string Resample(RollupTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return $"RESAMPLE EVERY 1h FOR {InfluxQl.Duration(target.Window.Length + RoundUpToHours(_options.RollupLateness))}";
    }

    public string CreateStatement(RollupQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return $"CREATE CONTINUOUS QUERY {InfluxQl.Identifier(query.Name)} ON {InfluxQl.Identifier(Database)} {Resample(query.Target)} BEGIN {query.Continuous} END";
    }

    private RollupQuery KindQuery(RollupTarget target, SensorKind kind)
    {
        var fields = ReportSchema.ValuesOf(kind).SelectMany(value => ReportSchema.Statistics.Select(statistic =>
            $"{statistic}({InfluxQl.Identifier(value)}) AS {InfluxQl.Identifier(ReportSchema.RollupField(statistic, value))}"));
        var tags = $"{InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.DeviceTag)}, {InfluxQl.Identifier(Schema.SensorTag)}";
        return Query(target, kind.Name, string.Join(", ", fields), tags);
    }

    /// <summary>Per device (not per sensor): the lowest and highest message number, how many, and their samples.</summary>
    private RollupQuery BatchQuery(RollupTarget target)
    {
        const string fields = "min(\"seq\") AS \"min_seq\", max(\"seq\") AS \"max_seq\", count(\"seq\") AS \"count_seq\", sum(\"samples\") AS \"sum_samples\"";
        var tags = $"{InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.DeviceTag)}";
        return Query(target, ReportSchema.TelemetryBatchMeasurement, fields, tags);
    }

    private RollupQuery Query(RollupTarget target, string measurement, string fields, string tags)
    {
        var into = InfluxQl.Measurement(Database, target.RetentionPolicy, measurement);
        var select = $"SELECT {fields} INTO {into} FROM {_storage.Raw(measurement)} {{WHERE}} GROUP BY {target.Window.GroupByTime()}, {tags}";
        var name = $"{CqPrefix}{target.Name}_{measurement}_{Hash(select + Resample(target))}";
        return new RollupQuery(name, target, measurement, select);
    }

    private static TimeSpan RoundUpToHours(TimeSpan span) => TimeSpan.FromHours(Math.Ceiling(span.TotalHours));

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..8];
}
