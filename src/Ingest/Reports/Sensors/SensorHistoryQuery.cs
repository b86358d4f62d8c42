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
/// Σsum / Σcount over the window's hours or days, so it equals the raw mean exactly (a mean of means would not). What a
/// roll-up does not hold yet (today, this hour) is read from raw data over the same windows and added in
/// (<see cref="SourceSelector.Plan"/>); a window not over yet is marked partial.
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
        var plan = _sources.Plan(source, request.Range);
        var answers = await Task.WhenAll(Statements(request, plan).Select(statement => _influx.QueryAsync(statement, cancellationToken))).ConfigureAwait(false);
        var series = Merge(answers.SelectMany(a => a.Statements).SelectMany(s => s), plan, request.Window, IspuParameterOf(request.Field));
        var range = request.Range.InWib();
        return new SensorHistoryReport("sensor_history", range.From, range.To, Wib.Description, request.Site, request.Sensor, request.Kind.Name,
            request.Field, ReportSchema.UnitOf(request.Field), request.Window.Text, plan.Name, series);
    }

    /// <summary>
    /// One statement per segment of the plan, each over its part of the range, in the plan's order. Each is sent on
    /// its own: InfluxDB 1.x does not run the statements after one that fails, and a roll-up's retention policy that
    /// does not exist yet (a fresh installation) must not hide today's raw data.
    /// </summary>
    public IReadOnlyList<string> Statements(SensorHistoryRequest request, SourcePlan plan)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Segments.Select(segment => Statement(request with { Range = segment.Range }, segment.Source))];
    }

    /// <summary>
    /// The points of each device from the answers of every segment: a window that two segments share (a week cut at
    /// today's 00:00 WIB) is their sum, count, min and max together, so its mean stays Σsum / Σcount.
    /// </summary>
    public static IReadOnlyList<SensorSeries> Merge(IEnumerable<InfluxSeries> answers, SourcePlan plan, AggregationWindow window, IspuParameter? ispu)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(window);
        var devices = new SortedDictionary<string, SortedDictionary<DateTimeOffset, WindowTotals>>(StringComparer.Ordinal);
        foreach (var series in answers)
        {
            int sum = series.ColumnIndex("sum"), min = series.ColumnIndex("min"), max = series.ColumnIndex("max"), count = series.ColumnIndex("count");
            var device = series.Tag(Schema.DeviceTag);
            if (!devices.TryGetValue(device, out var windows))
            {
                devices[device] = windows = [];
            }

            foreach (var row in series.Rows)
            {
                if (InfluxSeries.WholeAt(row, count) is not (> 0 and var samples) || InfluxSeries.NumberAt(row, sum) is not { } total)
                {
                    continue;
                }

                var start = InfluxSeries.Time(row);
                windows[start] = windows.GetValueOrDefault(start).Add(total, samples, InfluxSeries.NumberAt(row, min), InfluxSeries.NumberAt(row, max));
            }
        }

        return [.. devices.Where(d => d.Value.Count > 0).Select(d => new SensorSeries(d.Key, [.. d.Value.Select(w => PointOf(w.Key, w.Value, plan, window, ispu))]))];
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

    private static SensorPoint PointOf(DateTimeOffset start, WindowTotals totals, SourcePlan plan, AggregationWindow window, IspuParameter? ispu)
    {
        var mean = totals.Sum / totals.Count;
        var index = ispu is { } parameter ? Ispu.Of(parameter, Math.Max(0, mean)) : (IspuValue?)null;
        return new SensorPoint(Wib.ToWib(start), mean, totals.Min ?? mean, totals.Max ?? mean, totals.Count, index?.Index, index?.Category.Code,
            plan.IsPartial(start, window.Length));
    }

    private static string Rollup(string statistic, string field) => InfluxQl.Identifier(ReportSchema.RollupField(statistic, field));
}
