using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.Completeness;

/// <summary>
/// Reads what <see cref="CompletenessCalculator"/> needs: samples per sensor per hour (or per WIB day for ranges over 31
/// days), each device's message numbers per day, and each sensor's and each device's newest sign of life. Over a
/// roll-up, what it does not hold yet (today, this hour) is read from raw data (<see cref="SourceSelector.Plan"/>) and
/// joined in (<see cref="SegmentJoin"/>), so today's samples and messages count like any other day's.
/// </summary>
public sealed class CompletenessQuery
{
    private static readonly TimeSpan HourlyCountsUpTo = TimeSpan.FromDays(31);
    private static readonly TimeSpan RecentRawSearch = TimeSpan.FromDays(2);
    private static readonly string Kinds = "/^(" + string.Join('|', SensorKinds.All.Select(k => k.Name).Order(StringComparer.Ordinal)) + ")$/";
    private static readonly string SensorTags = $"{InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.DeviceTag)}, {InfluxQl.Identifier(Schema.SensorTag)}";
    private static readonly string DeviceTags = $"{InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.DeviceTag)}";
    private readonly InfluxQueryClient _influx;
    private readonly ReportStorage _storage;
    private readonly SourceSelector _sources;
    private readonly ReportsOptions _options;
    private readonly TimeProvider _time;

    public CompletenessQuery(InfluxQueryClient influx, ReportStorage storage, SourceSelector sources, IOptions<ReportsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _influx = influx;
        _storage = storage;
        _sources = sources;
        _options = options.Value;
        _time = time;
    }

    /// <exception cref="ReportRequestException">The source cannot answer this range.</exception>
    /// <exception cref="InfluxQueryException">InfluxDB refused the query or could not be reached.</exception>
    public async Task<CompletenessReport> RunAsync(CompletenessRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var bucket = request.Range.Length <= HourlyCountsUpTo && request.Source != DataSource.Daily ? AggregationWindow.Hour : AggregationWindow.Day;
        var source = _sources.Choose(request.Source, request.Range, bucket);
        var plan = _sources.Plan(source, request.Range);

        var answers = await Task.WhenAll(Statements(request, plan, bucket).Select(statements => _influx.QueryAsync(statements, cancellationToken))).ConfigureAwait(false);
        // One answer per segment (counts, then message numbers), then the signs of life: statuses, newest raw sample,
        // then (with roll-ups) newest hourly roll-up.
        var segments = answers[..^1];
        var signsOfLife = answers[^1];
        var inputs = new CompletenessInputs(
            SegmentJoin.Counts(segments.SelectMany(a => ReadCounts(a[0]))),
            bucket.Length,
            [.. signsOfLife.Statements.Skip(1).SelectMany(ReadLastSeen)],
            ReadStatuses(signsOfLife[0]),
            SegmentJoin.SeqDays(segments.SelectMany(a => ReadSeqDays(a[1]))));
        return CompletenessCalculator.Calculate(request, inputs, _options.ExpectedIntervals, request.SilentAfter ?? _options.SilentAfter, plan.Name, plan.AsOf);
    }

    /// <summary>
    /// One request per segment of the plan, in its order: counts per bucket and message numbers per device per day,
    /// each over its part of the range from its source. Then one for the signs of life over the whole range: newest
    /// status per device, newest raw sample per sensor and, with roll-ups, newest hourly roll-up per sensor (for sensors
    /// whose raw data has expired). Each is sent on its own: InfluxDB 1.x does not run the statements after one that
    /// fails, and a roll-up's retention policy that does not exist yet (a fresh installation) must not hide today's raw
    /// data.
    /// </summary>
    public IReadOnlyList<string> Statements(CompletenessRequest request, SourcePlan plan, AggregationWindow bucket)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(bucket);
        return [.. plan.Segments.Select(segment => SegmentStatements(request with { Range = segment.Range }, segment.Source, bucket)), SignsOfLifeStatements(request)];
    }

    /// <summary>Counts per bucket, then message numbers per device per WIB day, over the request's range from one source.</summary>
    public string SegmentStatements(CompletenessRequest request, DataSource source, AggregationWindow bucket)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(bucket);
        var inRange = InfluxQl.TimeBetween(request.Range.From, request.Range.To) + InfluxQl.TagFilters((Schema.SiteTag, request.Site));
        var byBucket = $"GROUP BY {bucket.GroupByTime()}, {SensorTags} fill(none)";
        var byDay = $"GROUP BY {AggregationWindow.Day.GroupByTime()}, {DeviceTags} fill(none)";
        if (source == DataSource.Raw)
        {
            return $"SELECT count(*) FROM {In(_storage.RawRetentionPolicy)}{Kinds} WHERE {inRange} {byBucket}; "
                + $"SELECT min(\"seq\") AS \"min_seq\", max(\"seq\") AS \"max_seq\", count(\"seq\") AS \"count_seq\" FROM {_storage.Raw(ReportSchema.TelemetryBatchMeasurement)} WHERE {inRange} {byDay}";
        }

        var rollup = source == DataSource.Hourly ? _storage.HourlyRetentionPolicy : _storage.DailyRetentionPolicy;
        var fields = SensorKinds.All.SelectMany(k => k.Values.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(f => $"sum({InfluxQl.Identifier(ReportSchema.RollupField("count", f))}) AS {InfluxQl.Identifier(ReportSchema.RollupField("count", f))}");
        return $"SELECT {string.Join(", ", fields)} FROM {In(rollup)}{Kinds} WHERE {inRange} {byBucket}; "
            + $"SELECT min(\"min_seq\") AS \"min_seq\", max(\"max_seq\") AS \"max_seq\", sum(\"count_seq\") AS \"count_seq\" FROM {InfluxQl.Measurement(_storage.Database, rollup, ReportSchema.TelemetryBatchMeasurement)} WHERE {inRange} {byDay}";
    }

    /// <summary>Newest status per device; newest raw sample per sensor; with roll-ups, newest hourly roll-up per sensor.</summary>
    public string SignsOfLifeStatements(CompletenessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var site = InfluxQl.TagFilters((Schema.SiteTag, request.Site));
        var lookback = InfluxQl.TimeBetween(request.Range.From - CompletenessCalculator.Lookback, request.Range.To) + site;
        var status = $"SELECT \"state\" FROM {_storage.Ledger(Schema.StatusMeasurement)} WHERE {lookback} GROUP BY {DeviceTags} ORDER BY time DESC LIMIT 1";
        if (!_storage.HasRollups)
        {
            return string.Join("; ", status, NewestPerSensor(In(_storage.RawRetentionPolicy), lookback));
        }

        // With roll-ups, raw samples are searched over the range's last two days only (a long raw search is what
        // roll-ups are there to avoid); a sensor silent for longer is found in the hourly roll-up, to the hour.
        var recentFrom = request.Range.To - RecentRawSearch > request.Range.From - CompletenessCalculator.Lookback
            ? request.Range.To - RecentRawSearch
            : request.Range.From - CompletenessCalculator.Lookback;
        var recent = InfluxQl.TimeBetween(recentFrom, request.Range.To) + site;
        return string.Join("; ", status, NewestPerSensor(In(_storage.RawRetentionPolicy), recent), NewestPerSensor(In(_storage.HourlyRetentionPolicy), lookback));

        static string NewestPerSensor(string from, string where) => $"SELECT * FROM {from}{Kinds} WHERE {where} GROUP BY {SensorTags} ORDER BY time DESC LIMIT 1";
    }

    /// <summary>A measurement (or regex) prefix in the database and <paramref name="retentionPolicy"/> (its default when null).</summary>
    private string In(string? retentionPolicy) =>
        $"{InfluxQl.Identifier(_storage.Database)}.{(retentionPolicy is null ? string.Empty : InfluxQl.Identifier(retentionPolicy))}.";

    private static List<SampleCount> ReadCounts(IReadOnlyList<InfluxSeries> series)
    {
        var counts = new List<SampleCount>();
        foreach (var one in series)
        {
            var countColumns = Enumerable.Range(0, one.Columns.Count)
                .Where(i => one.Columns[i].StartsWith("count_", StringComparison.Ordinal) && one.Columns[i] != "count_" + Schema.ClockUnsyncedField)
                .ToList();
            foreach (var row in one.Rows)
            {
                // A sample counts once: the most-counted value of its kind (a sample may carry a subset of them).
                var samples = countColumns.Select(i => InfluxSeries.WholeAt(row, i) ?? 0).DefaultIfEmpty(0).Max();
                counts.Add(new SampleCount(one.Tag(Schema.SiteTag), one.Tag(Schema.DeviceTag), one.Tag(Schema.SensorTag), one.Name, InfluxSeries.Time(row), samples));
            }
        }

        return counts;
    }

    private static IEnumerable<SensorLastSeen> ReadLastSeen(IReadOnlyList<InfluxSeries> series) =>
        series.SelectMany(one => one.Rows.Select(row =>
            new SensorLastSeen(one.Tag(Schema.SiteTag), one.Tag(Schema.DeviceTag), one.Tag(Schema.SensorTag), one.Name, InfluxSeries.Time(row))));

    private static List<StatusLastSeen> ReadStatuses(IReadOnlyList<InfluxSeries> series) =>
        [.. series.SelectMany(one => one.Rows.Select(row =>
            new StatusLastSeen(one.Tag(Schema.SiteTag), one.Tag(Schema.DeviceTag), InfluxSeries.TextAt(row, one.ColumnIndex("state")), InfluxSeries.Time(row))))];

    private static List<SeqDay> ReadSeqDays(IReadOnlyList<InfluxSeries> series)
    {
        var days = new List<SeqDay>();
        foreach (var one in series)
        {
            int min = one.ColumnIndex("min_seq"), max = one.ColumnIndex("max_seq"), count = one.ColumnIndex("count_seq");
            foreach (var row in one.Rows)
            {
                if (InfluxSeries.WholeAt(row, min) is { } low && InfluxSeries.WholeAt(row, max) is { } high && InfluxSeries.WholeAt(row, count) is > 0 and var received)
                {
                    days.Add(new SeqDay(one.Tag(Schema.SiteTag), one.Tag(Schema.DeviceTag), InfluxSeries.Time(row), low, high, received));
                }
            }
        }

        return days;
    }
}
