using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.AirQuality;

/// <summary>
/// Daily means of PM2.5 and PM10 per WIB day, with the hours of each day that had samples, from raw samples or the
/// hourly roll-up (the daily roll-up has no hours), then ISPU by <see cref="Ispu"/>. The hours the roll-up does not
/// hold yet are read from raw data and added in (<see cref="SourceSelector.Plan"/>); a day not over yet is partial.
/// </summary>
public sealed class AirQualityQuery
{
    public const string RegulationName = "Peraturan Menteri LHK No. P.14/MENLHK/SETJEN/KUM.1/7/2020 (ISPU)";

    private static readonly string Kind = SensorKinds.AirQuality.Name;
    private readonly InfluxQueryClient _influx;
    private readonly ReportStorage _storage;
    private readonly SourceSelector _sources;

    public AirQualityQuery(InfluxQueryClient influx, ReportStorage storage, SourceSelector sources)
    {
        _influx = influx;
        _storage = storage;
        _sources = sources;
    }

    /// <exception cref="ReportRequestException">The source cannot answer this range.</exception>
    /// <exception cref="InfluxQueryException">InfluxDB refused the query or could not be reached.</exception>
    public async Task<AirQualityReport> RunAsync(AirQualityRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var source = _sources.Choose(request.Source, request.Range, AggregationWindow.Day, allowDaily: false);
        var plan = _sources.Plan(source, request.Range);
        var answers = await Task.WhenAll(Statements(request, plan).Select(statements => _influx.QueryAsync(statements, cancellationToken))).ConfigureAwait(false);
        var days = Merge(answers.SelectMany(a => a.Statements).SelectMany(s => s), plan);
        var range = request.Range.InWib();
        return new AirQualityReport("air_quality", range.From, range.To, Wib.Description, plan.Name, RegulationName, days, Summarise(days), IspuCategory.All);
    }

    /// <summary>
    /// The statements of each segment of the plan, in its order (one for a roll-up, two for raw data), each segment's
    /// sent on its own: InfluxDB 1.x does not run the statements after one that fails, and a roll-up's retention policy
    /// that does not exist yet must not hide today's raw data.
    /// </summary>
    public IReadOnlyList<string> Statements(AirQualityRequest request, SourcePlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Segments.Select(segment => Statements(request with { Range = segment.Range }, segment.Source))];
    }

    public string Statements(AirQualityRequest request, DataSource source)
    {
        ArgumentNullException.ThrowIfNull(request);
        var where = InfluxQl.TimeBetween(request.Range.From, request.Range.To)
            + InfluxQl.TagFilters((Schema.SiteTag, request.Site), (Schema.DeviceTag, request.Device));
        var tags = $"{InfluxQl.Identifier(Schema.SiteTag)}, {InfluxQl.Identifier(Schema.DeviceTag)}, {InfluxQl.Identifier(Schema.SensorTag)}";
        var byDay = $"GROUP BY {AggregationWindow.Day.GroupByTime()}, {tags} fill(none)";
        const string pm25 = ValueNames.Pm25Ugm3, pm10 = ValueNames.Pm10Ugm3;
        if (source == DataSource.Raw)
        {
            var daily = $"SELECT sum(\"{pm25}\") AS \"sum_pm25\", count(\"{pm25}\") AS \"count_pm25\", sum(\"{pm10}\") AS \"sum_pm10\", count(\"{pm10}\") AS \"count_pm10\" "
                + $"FROM {_storage.Raw(Kind)} WHERE {where} {byDay}";
            var hourly = $"SELECT count(\"m25\") AS \"hours_pm25\", count(\"m10\") AS \"hours_pm10\" FROM "
                + $"(SELECT mean(\"{pm25}\") AS \"m25\", mean(\"{pm10}\") AS \"m10\" FROM {_storage.Raw(Kind)} WHERE {where} GROUP BY time(1h), {tags} fill(none)) "
                + $"WHERE {InfluxQl.TimeBetween(request.Range.From, request.Range.To)} {byDay}";
            return daily + "; " + hourly;
        }

        return $"SELECT sum(\"sum_{pm25}\") AS \"sum_pm25\", sum(\"count_{pm25}\") AS \"count_pm25\", count(\"count_{pm25}\") AS \"hours_pm25\", "
            + $"sum(\"sum_{pm10}\") AS \"sum_pm10\", sum(\"count_{pm10}\") AS \"count_pm10\", count(\"count_{pm10}\") AS \"hours_pm10\" "
            + $"FROM {_storage.Hourly(Kind)} WHERE {where} {byDay}";
    }

    /// <summary>
    /// The days of each sensor from the answers of every segment and statement: sums, sample counts and hours with
    /// data are added up per sensor and WIB day (the segments meet at a whole hour, so no hour is counted twice), then
    /// each day's means are Σsum / Σcount.
    /// </summary>
    public static List<AirQualityDay> Merge(IEnumerable<InfluxSeries> answers, SourcePlan plan)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(plan);
        var totals = new Dictionary<(string Site, string Device, string Sensor, DateTimeOffset Start), DayTotals>();
        foreach (var series in answers)
        {
            int sum25 = series.ColumnIndex("sum_pm25"), count25 = series.ColumnIndex("count_pm25"), hours25 = series.ColumnIndex("hours_pm25");
            int sum10 = series.ColumnIndex("sum_pm10"), count10 = series.ColumnIndex("count_pm10"), hours10 = series.ColumnIndex("hours_pm10");
            foreach (var row in series.Rows)
            {
                var key = (series.Tag(Schema.SiteTag), series.Tag(Schema.DeviceTag), series.Tag(Schema.SensorTag), InfluxSeries.Time(row));
                totals[key] = totals.GetValueOrDefault(key).Add(new DayTotals(
                    InfluxSeries.NumberAt(row, sum25) ?? 0, InfluxSeries.WholeAt(row, count25) ?? 0, (int)(InfluxSeries.WholeAt(row, hours25) ?? 0),
                    InfluxSeries.NumberAt(row, sum10) ?? 0, InfluxSeries.WholeAt(row, count10) ?? 0, (int)(InfluxSeries.WholeAt(row, hours10) ?? 0)));
            }
        }

        var days = totals.Select(t => DayOf(t.Key, t.Value, plan)).OfType<AirQualityDay>().ToList();
        days.Sort((a, b) => (a.Site, a.Device, a.Sensor, a.Start).CompareTo((b.Site, b.Device, b.Sensor, b.Start)));
        return days;
    }

    private static AirQualityDay? DayOf((string Site, string Device, string Sensor, DateTimeOffset Start) key, DayTotals day, SourcePlan plan)
    {
        if (day.Count25 == 0 && day.Count10 == 0)
        {
            return null;
        }

        double? mean25 = day.Count25 > 0 ? day.Sum25 / day.Count25 : null;
        double? mean10 = day.Count10 > 0 ? day.Sum10 / day.Count10 : null;
        var ispu25 = mean25 is { } m25 ? Ispu.Pm25(Math.Max(0, m25)) : (IspuValue?)null;
        var ispu10 = mean10 is { } m10 ? Ispu.Pm10(Math.Max(0, m10)) : (IspuValue?)null;
        var pm25Sets = (ispu25?.Index ?? -1) >= (ispu10?.Index ?? -1);
        var index = pm25Sets ? ispu25!.Value : ispu10!.Value;
        return new AirQualityDay(
            ReportPeriodLabel(key.Start), Wib.ToWib(key.Start), key.Site, key.Device, key.Sensor,
            mean25, day.Count25, day.Hours25, ispu25?.Index,
            mean10, day.Count10, day.Hours10, ispu10?.Index,
            index.Index, index.Category.Code, index.Category.Name, index.Category.Color, index.Category.ColorHex,
            (pm25Sets ? IspuParameter.Pm25 : IspuParameter.Pm10).Name(),
            plan.IsPartial(key.Start, AggregationWindow.Day.Length));
    }

    /// <summary>A day's PM2.5 and PM10 sums, sample counts and hours with samples, or the part of them one statement gave.</summary>
    private readonly record struct DayTotals(double Sum25, long Count25, int Hours25, double Sum10, long Count10, int Hours10)
    {
        public DayTotals Add(DayTotals other) => new(
            Sum25 + other.Sum25, Count25 + other.Count25, Hours25 + other.Hours25,
            Sum10 + other.Sum10, Count10 + other.Count10, Hours10 + other.Hours10);
    }

    private static string ReportPeriodLabel(DateTimeOffset start) => PeriodKind.Day.Label(start);

    private static List<AirQualitySensorSummary> Summarise(List<AirQualityDay> days) =>
        [.. days.GroupBy(d => (d.Site, d.Device, d.Sensor)).Select(g =>
        {
            var worst = g.OrderByDescending(d => d.Ispu).ThenBy(d => d.Start).First();
            var byCategory = IspuCategory.All.ToDictionary(c => c.Code, c => g.Count(d => d.Category == c.Code), StringComparer.Ordinal);
            return new AirQualitySensorSummary(g.Key.Site, g.Key.Device, g.Key.Sensor, g.Count(), worst.Ispu, worst.Date, byCategory, g.Any(d => d.Partial));
        })];
}
