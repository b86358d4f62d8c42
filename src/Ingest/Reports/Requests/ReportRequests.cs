using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Reports.Requests;

/// <summary>Output of a report: JSON (the default) or CSV; for the waste report, which of its tables goes to CSV.</summary>
public enum ReportFormat
{
    Json,
    Csv,
}

/// <summary>
/// Each report's parameters, the same for <c>GET /reports/…</c> and <c>pontive-ingest report …</c>. Every problem is
/// reported at once, as one <see cref="ReportRequestException"/>.
/// </summary>
public static class ReportRequests
{
    public const string FormatParameter = "format";

    /// <summary><c>from</c>/<c>to</c> or <c>month</c>; <c>by</c> day, week or month; optional <c>site</c> and <c>category</c>; <c>level</c> for CSV.</summary>
    /// <exception cref="ReportRequestException">A parameter is missing, unknown or invalid.</exception>
    public static (WasteRequest Request, string Level) Waste(ReportParameters parameters, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var range = parameters.Range(options.MaxRange);
        var byText = parameters.Choice("by", "day", "day", "week", "month");
        _ = ReportPeriod.TryParse(byText, out var by);
        var site = parameters.Id("site");
        var category = parameters.Id("category", example: "plastic-pet");
        var level = parameters.Choice("level", "category", "category", "site", "period");
        Format(parameters);
        parameters.ThrowIfInvalid();
        return (new WasteRequest(range!, by, site, category), level);
    }

    /// <summary><c>site</c>, <c>sensor</c>, <c>field</c>, optional <c>kind</c> and <c>device</c>, <c>window</c>, the range, <c>source</c>.</summary>
    /// <exception cref="ReportRequestException">A parameter is missing, unknown or invalid.</exception>
    public static SensorHistoryRequest SensorHistory(ReportParameters parameters, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var range = parameters.Range(options.MaxRange);
        var site = parameters.Id("site", required: true, example: "park-alun-kapuas");
        var device = parameters.Id("device", example: "park-01");
        var sensor = parameters.SensorName("sensor");
        var field = parameters.RequiredText("field", "pm25_ugm3");
        var kindText = parameters.Text("kind");
        var window = parameters.Window("window", "1h");
        var source = parameters.Source();
        Format(parameters);
        var kind = field is null ? null : KindOf(parameters, field, kindText);
        parameters.ThrowIfInvalid();
        return new SensorHistoryRequest(range!, site!, device, sensor!, kind!, field!, window!, source);
    }

    /// <summary>The range (whole WIB days are the report's rows), optional <c>site</c> and <c>device</c>, <c>source</c>.</summary>
    /// <exception cref="ReportRequestException">A parameter is missing, unknown or invalid.</exception>
    public static AirQualityRequest AirQuality(ReportParameters parameters, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var range = parameters.Range(options.MaxRange);
        var site = parameters.Id("site", example: "park-alun-kapuas");
        var device = parameters.Id("device", example: "park-01");
        var source = parameters.Source();
        Format(parameters);
        parameters.ThrowIfInvalid();
        return new AirQualityRequest(range!, site, device, source);
    }

    /// <summary>The range, optional <c>site</c>, <c>silent_after</c> (e.g. 2h) and <c>source</c>.</summary>
    /// <exception cref="ReportRequestException">A parameter is missing, unknown or invalid.</exception>
    public static CompletenessRequest Completeness(ReportParameters parameters, ReportsOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        var range = parameters.Range(options.MaxRange);
        var site = parameters.Id("site");
        var silentAfter = parameters.Duration("silent_after");
        var source = parameters.Source();
        Format(parameters);
        parameters.ThrowIfInvalid();
        return new CompletenessRequest(range!, site, silentAfter, source);
    }

    /// <summary><c>format=json</c> or <c>format=csv</c>; null when not given (HTTP then looks at Accept).</summary>
    public static ReportFormat? Format(ReportParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Text(FormatParameter) switch
        {
            null => null,
            "json" => ReportFormat.Json,
            "csv" => ReportFormat.Csv,
            var other => Invalid(parameters, other),
        };

        static ReportFormat? Invalid(ReportParameters parameters, string text)
        {
            parameters.Problem($"format '{text}' must be json or csv");
            return null;
        }
    }

    private static SensorKind? KindOf(ReportParameters parameters, string field, string? kindText)
    {
        if (kindText is not null)
        {
            if (!SensorKinds.TryGet(kindText, out var kind))
            {
                parameters.Problem($"kind '{kindText}' is not one of {SensorKinds.KnownNames}");
                return null;
            }

            if (!kind.Values.ContainsKey(field))
            {
                parameters.Problem($"field '{field}' is not a value of {kind.Name}; its values are {string.Join(", ", ReportSchema.ValuesOf(kind))}");
                return null;
            }

            return kind;
        }

        var kinds = ReportSchema.KindsWith(field);
        switch (kinds.Count)
        {
            case 1:
                return kinds[0];
            case 0:
                parameters.Problem($"field '{field}' is not a value of any kind; values are {string.Join(", ", SensorKinds.All.SelectMany(ReportSchema.ValuesOf).Distinct(StringComparer.Ordinal))}");
                return null;
            default:
                parameters.Problem($"field '{field}' is a value of {string.Join(" and ", kinds.Select(k => k.Name))}: add kind=, e.g. kind={kinds[0].Name}");
                return null;
        }
    }
}
