using System.Globalization;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Output;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Reports;

/// <summary>The reports by name.</summary>
public enum ReportName
{
    Waste,
    SensorHistory,
    AirQuality,
    Completeness,
}

/// <summary>A report's answer: the object JSON shows, its CSV table, a file name for it, and the format asked (if any).</summary>
public sealed record ReportOutput(object Report, Func<string> Csv, string FileName, ReportFormat? Format);

/// <summary>
/// Runs a report from its parameters as text: what <c>GET /reports/…</c> and <c>pontive-ingest report …</c> share, so
/// both accept and refuse exactly the same things.
/// </summary>
public sealed class ReportRunner
{
    private readonly WasteReportQuery _waste;
    private readonly SensorHistoryQuery _sensors;
    private readonly AirQualityQuery _airQuality;
    private readonly CompletenessQuery _completeness;
    private readonly ReportsOptions _options;

    public ReportRunner(WasteReportQuery waste, SensorHistoryQuery sensors, AirQualityQuery airQuality, CompletenessQuery completeness, IOptions<ReportsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _waste = waste;
        _sensors = sensors;
        _airQuality = airQuality;
        _completeness = completeness;
        _options = options.Value;
    }

    /// <exception cref="ReportRequestException">A parameter is missing, unknown or invalid (HTTP 400).</exception>
    /// <exception cref="Influx.InfluxQueryException">InfluxDB refused the query or could not be reached.</exception>
    public async Task<ReportOutput> RunAsync(ReportName name, IReadOnlyDictionary<string, string> values, CancellationToken cancellationToken)
    {
        var parameters = new ReportParameters(values);
        switch (name)
        {
            case ReportName.Waste:
                var (wasteRequest, level) = ReportRequests.Waste(parameters, _options);
                var waste = await _waste.RunAsync(wasteRequest, cancellationToken).ConfigureAwait(false);
                return new ReportOutput(waste, () => ReportCsv.Waste(waste, level), FileName("waste", wasteRequest.Range, level == "category" ? null : level), ReportRequests.Format(parameters));
            case ReportName.SensorHistory:
                var historyRequest = ReportRequests.SensorHistory(parameters, _options);
                var history = await _sensors.RunAsync(historyRequest, cancellationToken).ConfigureAwait(false);
                return new ReportOutput(history, () => ReportCsv.SensorHistory(history), FileName($"sensor-{historyRequest.Site}-{historyRequest.Sensor}-{historyRequest.Field}", historyRequest.Range, null), ReportRequests.Format(parameters));
            case ReportName.AirQuality:
                var airRequest = ReportRequests.AirQuality(parameters, _options);
                var air = await _airQuality.RunAsync(airRequest, cancellationToken).ConfigureAwait(false);
                return new ReportOutput(air, () => ReportCsv.AirQuality(air), FileName("air-quality", airRequest.Range, airRequest.Site), ReportRequests.Format(parameters));
            default:
                var completenessRequest = ReportRequests.Completeness(parameters, _options);
                var completeness = await _completeness.RunAsync(completenessRequest, cancellationToken).ConfigureAwait(false);
                return new ReportOutput(completeness, () => ReportCsv.Completeness(completeness), FileName("completeness", completenessRequest.Range, completenessRequest.Site), ReportRequests.Format(parameters));
        }
    }

    private static string FileName(string report, TimeRange range, string? suffix)
    {
        var from = Wib.ToWib(range.From).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = Wib.ToWib(range.To).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var name = suffix is null ? $"{report}_{from}_{to}.csv" : $"{report}_{suffix}_{from}_{to}.csv";
        return string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_'));
    }
}
