using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Dashboard.Devices;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>
/// Gathers the dashboard's reports through <see cref="ReportRunner"/>, with the same parameters and checks as
/// <c>/reports/…</c>: the waste report over the chart's months (its chosen month is the bank tables), the month's
/// completeness (device health, and the sensors there are to chart), the devices' outboxes, then the chosen sensor's
/// history. A report that fails leaves its section with the reason; the others are still shown.
/// </summary>
public sealed class DashboardLoader
{
    private readonly ReportRunner _reports;
    private readonly DeviceOutboxQuery _outboxes;
    private readonly TimeProvider _time;

    public DashboardLoader(ReportRunner reports, DeviceOutboxQuery outboxes, TimeProvider time)
    {
        _reports = reports;
        _outboxes = outboxes;
        _time = time;
    }

    public async Task<DashboardModel> LoadAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var chart = request.ChartRange;
        var waste = RunAsync<WasteReport>(ReportName.Waste, cancellationToken, ("from", Date(chart.From)), ("to", Date(chart.To)), ("by", "month"));
        var completeness = RunAsync<CompletenessReport>(ReportName.Completeness, cancellationToken, ("month", request.MonthText));
        var outboxes = OutboxesAsync(request, cancellationToken);
        await Task.WhenAll(waste, completeness, outboxes).ConfigureAwait(false);

        var sensors = SensorsOf(completeness.Result.Value);
        var selected = Select(request, sensors);
        Section<SensorHistoryReport>? history = null;
        if (selected is not null)
        {
            history = await RunAsync<SensorHistoryReport>(ReportName.SensorHistory, cancellationToken,
                ("site", selected.Choice.Site), ("sensor", selected.Choice.Sensor), ("kind", selected.Choice.Kind.Name),
                ("field", selected.Field), ("window", selected.Window), ("month", request.MonthText)).ConfigureAwait(false);
        }

        return new DashboardModel(request, _time.GetUtcNow(), waste.Result, completeness.Result, outboxes.Result, sensors, selected, history);
    }

    /// <summary>Every sensor the month's completeness report lists, by site and name.</summary>
    public static IReadOnlyList<SensorChoice> SensorsOf(CompletenessReport? completeness)
    {
        if (completeness is null)
        {
            return [];
        }

        return [.. completeness.Devices
            .SelectMany(d => d.Sensors.Select(s => (d.Site, s.Sensor, s.Kind)))
            .Distinct()
            .Select(s => SensorKinds.TryGet(s.Kind, out var kind) ? new SensorChoice(s.Site, s.Sensor, kind) : null)
            .OfType<SensorChoice>()
            .OrderBy(s => s.Site, StringComparer.Ordinal).ThenBy(s => s.Sensor, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The sensor asked for if it exists; else the first of the site asked for; else the first air-quality sensor
    /// (the one with ISPU bands), else the first sensor. The value asked for if the sensor's kind has it, else the
    /// kind's usual one; the window asked for, else a day for PM2.5 and PM10 (ISPU is defined on 24-hour means) and
    /// six hours for the rest.
    /// </summary>
    public static SensorSelection? Select(DashboardRequest request, IReadOnlyList<SensorChoice> sensors)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(sensors);
        var choice = sensors.FirstOrDefault(s => s.Site == request.Site && s.Sensor == request.Sensor)
            ?? sensors.FirstOrDefault(s => s.Site == request.Site)
            ?? sensors.FirstOrDefault(s => s.Kind == SensorKinds.AirQuality)
            ?? (sensors.Count > 0 ? sensors[0] : null);
        if (choice is null)
        {
            return null;
        }

        var field = request.Field is { } asked && choice.Kind.Values.ContainsKey(asked) ? asked : FieldNames.Preferred(choice.Kind);
        var window = request.Window ?? (SensorHistoryQuery.IspuParameterOf(field) is null ? "6h" : "1d");
        return new SensorSelection(choice, field, window);
    }

    private async Task<Section<T>> RunAsync<T>(ReportName name, CancellationToken cancellationToken, params (string Name, string Value)[] parameters)
        where T : class
    {
        try
        {
            var output = await _reports.RunAsync(name, parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
            return new Section<T>((T)output.Report, null);
        }
        catch (ReportRequestException ex)
        {
            return new Section<T>(null, ex.Message);
        }
        catch (InfluxQueryException ex)
        {
            return new Section<T>(null, ex.Message);
        }
    }

    private async Task<Section<IReadOnlyList<DeviceOutbox>>> OutboxesAsync(DashboardRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return new Section<IReadOnlyList<DeviceOutbox>>(await _outboxes.RunAsync(request.Range, null, cancellationToken).ConfigureAwait(false), null);
        }
        catch (InfluxQueryException ex)
        {
            return new Section<IReadOnlyList<DeviceOutbox>>(null, ex.Message);
        }
    }

    private static string Date(DateTimeOffset instant) => Reports.Calendar.Wib.ToWib(instant).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
