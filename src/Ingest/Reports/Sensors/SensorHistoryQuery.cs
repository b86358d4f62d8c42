using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.Sensors;

/// <summary>
/// Mean, min and max of one value per window, from raw samples or from a roll-up. From a roll-up the mean is
/// Σsum / Σcount over the window's hours or days, so it equals the raw mean exactly (a mean of means would not).
/// </summary>
public sealed class SensorHistoryQuery
{
    private readonly InfluxQueryClient _influx;
    private readonly ReportStorage _storage;
    private readonly SourceSelector _sources;
    private readonly ReportsOptions _options;

    public SensorHistoryQuery(InfluxQueryClient influx, ReportStorage storage, SourceSelector sources, IOptions<ReportsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _influx = influx;
        _storage = storage;
        _sources = sources;
        _options = options.Value;
    }

    /// <exception cref="ReportRequestException">The window is too small for the range, or the source cannot answer.</exception>
    /// <exception cref="InfluxQueryException">InfluxDB refused the query or could not be reached.</exception>
    public async Task<SensorHistoryReport> RunAsync(SensorHistoryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var windows = request.Window.CountIn(request.Range);
        if (windows > _options.MaxPoints)
        {
            var smallest = TimeSpan.FromMinutes(Math.Ceiling(request.Range.Length.TotalMinutes / _options.MaxPoints));
            throw new ReportRequestException(
                $"window {request.Window} over {request.Range.Length.TotalDays:0.#} days gives {windows} points; at most {_options.MaxPoints} are returned: use a window of at least {Math.Ceiling(smallest.TotalMinutes)}m");
        }

        var source = _sources.Choose(request.Source, request.Range, request.Window);
        var answer = await _influx.QueryAsync(Statement(request, source), cancellationToken).ConfigureAwait(false);
        var ispu = IspuParameterOf(request.Field);
        var series = answer[0]
            .Select(s => new SensorSeries(s.Tag(Schema.DeviceTag), ReadPoints(s, ispu)))
            .Where(s => s.Points.Count > 0)
            .OrderBy(s => s.Device, StringComparer.Ordinal)
            .ToList();
        var range = request.Range.InWib();
        return new SensorHistoryReport("sensor_history", range.From, range.To, Wib.Description, request.Site, request.Sensor, request.Kind.Name,
            request.Field, ReportSchema.UnitOf(request.Field), request.Window.Text, source.Name(), series);
    }

    public string Statement(SensorHistoryRequest request, DataSource source)
    {
        ArgumentNullException.ThrowIfNull(request);
        var field = request.Field;
        var where = InfluxQl.TimeBetween(request.Range.From, request.Range.To)
            + InfluxQl.TagFilters((Schema.SiteTag, request.Site), (Schema.SensorTag, request.Sensor), (Schema.DeviceTag, request.Device));
        var groupBy = $"GROUP BY {request.Window.GroupByTime()}, {InfluxQl.Identifier(Schema.DeviceTag)} fill(none)";
        if (source == DataSource.Raw)
        {
            var f = InfluxQl.Identifier(field);
            return $"SELECT sum({f}) AS \"sum\", min({f}) AS \"min\", max({f}) AS \"max\", count({f}) AS \"count\" FROM {_storage.Raw(request.Kind.Name)} WHERE {where} {groupBy}";
        }

        var measurement = source == DataSource.Hourly ? _storage.Hourly(request.Kind.Name) : _storage.Daily(request.Kind.Name);
        return $"SELECT sum({Rollup("sum", field)}) AS \"sum\", min({Rollup("min", field)}) AS \"min\", max({Rollup("max", field)}) AS \"max\", sum({Rollup("count", field)}) AS \"count\" FROM {measurement} WHERE {where} {groupBy}";
    }

    /// <summary>The ISPU parameter a value is, if any.</summary>
    public static IspuParameter? IspuParameterOf(string field) => field switch
    {
        ValueNames.Pm25Ugm3 => IspuParameter.Pm25,
        ValueNames.Pm10Ugm3 => IspuParameter.Pm10,
        _ => null,
    };

    private static List<SensorPoint> ReadPoints(InfluxSeries series, IspuParameter? ispu)
    {
        int sum = series.ColumnIndex("sum"), min = series.ColumnIndex("min"), max = series.ColumnIndex("max"), count = series.ColumnIndex("count");
        var points = new List<SensorPoint>(series.Rows.Count);
        foreach (var row in series.Rows)
        {
            if (InfluxSeries.WholeAt(row, count) is not (> 0 and var samples) || InfluxSeries.NumberAt(row, sum) is not { } total)
            {
                continue;
            }

            var mean = total / samples;
            var index = ispu is { } parameter ? Ispu.Of(parameter, Math.Max(0, mean)) : (IspuValue?)null;
            points.Add(new SensorPoint(Wib.ToWib(InfluxSeries.Time(row)), mean, InfluxSeries.NumberAt(row, min) ?? mean, InfluxSeries.NumberAt(row, max) ?? mean,
                samples, index?.Index, index?.Category.Code));
        }

        return points;
    }

    private static string Rollup(string statistic, string field) => InfluxQl.Identifier(ReportSchema.RollupField(statistic, field));
}
