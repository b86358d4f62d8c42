using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.AirQuality;

/// <summary>
/// Daily means of PM2.5 and PM10 per WIB day, with the hours of each day that had samples, from raw samples or the
/// hourly roll-up (the daily roll-up has no hours), then ISPU by <see cref="Ispu"/>.
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
        var answer = await _influx.QueryAsync(Statements(request, source), cancellationToken).ConfigureAwait(false);
        var hours = source == DataSource.Raw ? ReadHours(answer[1]) : null;
        var days = new List<AirQualityDay>();
        foreach (var series in answer[0])
        {
            foreach (var row in series.Rows)
            {
                if (DayOf(series, row, hours) is { } day)
                {
                    days.Add(day);
                }
            }
        }

        days.Sort((a, b) => (a.Site, a.Device, a.Sensor, a.Start).CompareTo((b.Site, b.Device, b.Sensor, b.Start)));
        var range = request.Range.InWib();
        return new AirQualityReport("air_quality", range.From, range.To, Wib.Description, source.Name(), RegulationName, days, Summarise(days), IspuCategory.All);
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

    private static Dictionary<(string, string, string, long), (int Pm25, int Pm10)> ReadHours(IReadOnlyList<InfluxSeries> series)
    {
        var hours = new Dictionary<(string, string, string, long), (int, int)>();
        foreach (var one in series)
        {
            int pm25 = one.ColumnIndex("hours_pm25"), pm10 = one.ColumnIndex("hours_pm10");
            foreach (var row in one.Rows)
            {
                hours[(one.Tag(Schema.SiteTag), one.Tag(Schema.DeviceTag), one.Tag(Schema.SensorTag), InfluxSeries.Time(row).ToUnixTimeMilliseconds())] =
                    ((int)(InfluxSeries.WholeAt(row, pm25) ?? 0), (int)(InfluxSeries.WholeAt(row, pm10) ?? 0));
            }
        }

        return hours;
    }

    private static AirQualityDay? DayOf(InfluxSeries series, object?[] row, Dictionary<(string, string, string, long), (int Pm25, int Pm10)>? hours)
    {
        var start = InfluxSeries.Time(row);
        var (site, device, sensor) = (series.Tag(Schema.SiteTag), series.Tag(Schema.DeviceTag), series.Tag(Schema.SensorTag));
        var count25 = InfluxSeries.WholeAt(row, series.ColumnIndex("count_pm25")) ?? 0;
        var count10 = InfluxSeries.WholeAt(row, series.ColumnIndex("count_pm10")) ?? 0;
        if (count25 == 0 && count10 == 0)
        {
            return null;
        }

        var mean25 = count25 > 0 ? InfluxSeries.NumberAt(row, series.ColumnIndex("sum_pm25")) / count25 : null;
        var mean10 = count10 > 0 ? InfluxSeries.NumberAt(row, series.ColumnIndex("sum_pm10")) / count10 : null;
        var (hours25, hours10) = hours is null
            ? ((int)(InfluxSeries.WholeAt(row, series.ColumnIndex("hours_pm25")) ?? 0), (int)(InfluxSeries.WholeAt(row, series.ColumnIndex("hours_pm10")) ?? 0))
            : hours.GetValueOrDefault((site, device, sensor, start.ToUnixTimeMilliseconds()));
        var ispu25 = mean25 is { } m25 ? Ispu.Pm25(Math.Max(0, m25)) : (IspuValue?)null;
        var ispu10 = mean10 is { } m10 ? Ispu.Pm10(Math.Max(0, m10)) : (IspuValue?)null;
        var pm25Sets = (ispu25?.Index ?? -1) >= (ispu10?.Index ?? -1);
        var day = pm25Sets ? ispu25!.Value : ispu10!.Value;
        return new AirQualityDay(
            ReportPeriodLabel(start), Wib.ToWib(start), site, device, sensor,
            mean25, count25, hours25, ispu25?.Index,
            mean10, count10, hours10, ispu10?.Index,
            day.Index, day.Category.Code, day.Category.Name, day.Category.Color, day.Category.ColorHex,
            (pm25Sets ? IspuParameter.Pm25 : IspuParameter.Pm10).Name());
    }

    private static string ReportPeriodLabel(DateTimeOffset start) => PeriodKind.Day.Label(start);

    private static List<AirQualitySensorSummary> Summarise(List<AirQualityDay> days) =>
        [.. days.GroupBy(d => (d.Site, d.Device, d.Sensor)).Select(g =>
        {
            var worst = g.OrderByDescending(d => d.Ispu).ThenBy(d => d.Start).First();
            var byCategory = IspuCategory.All.ToDictionary(c => c.Code, c => g.Count(d => d.Category == c.Code), StringComparer.Ordinal);
            return new AirQualitySensorSummary(g.Key.Site, g.Key.Device, g.Key.Sensor, g.Count(), worst.Ispu, worst.Date, byCategory);
        })];
}
