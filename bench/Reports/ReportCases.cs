using System.Globalization;
using Pontive.Iot.Ingest.Reports;

namespace Pontive.Iot.Bench.Reports;

/// <summary>
/// The questions timed: the year and the last month of the data, each from raw telemetry and from the roll-ups that
/// can answer it. The waste report has no roll-up (it reads deposits, which are kept raw).
/// </summary>
internal static class ReportCases
{
    public static IReadOnlyList<ReportCase> For(ReportsBenchSettings settings)
    {
        var wib = TimeSpan.FromHours(7);
        var to = ReportsBenchSettings.End.ToOffset(wib);
        string Date(DateTimeOffset t) => t.ToOffset(wib).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var all = (From: Date(settings.Start), To: Date(to), Name: settings.Days >= 365 ? "year" : $"{settings.Days} days");
        var month = (From: Date(to.AddMonths(-1)), To: Date(to), Name: "month");

        var cases = new List<ReportCase>();
        void Add(string question, ReportName report, string source, params (string Key, string Value)[] parameters)
        {
            var values = parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            values["source"] = source;
            cases.Add(new ReportCase(question, report, source, values));
        }

        foreach (var range in new[] { all, month })
        {
            (string, string) From() => ("from", range.From);
            (string, string) To() => ("to", range.To);
            var pm25 = new[] { ("site", BenchData.Park(0)), ("sensor", "aq-1"), ("field", "pm25_ugm3") };
            foreach (var source in new[] { "raw", "rollup_1h", "rollup_1d" })
            {
                Add($"one sensor's PM2.5 by day, {range.Name}", ReportName.SensorHistory, source, [.. pm25, ("window", "1d"), From(), To()]);
            }

            foreach (var source in new[] { "raw", "rollup_1h" })
            {
                Add($"one sensor's PM2.5 by hour, {range.Name}", ReportName.SensorHistory, source, [.. pm25, ("window", "1h"), From(), To()]);
                Add($"daily ISPU of all {ReportsBenchSettings.Parks} air sensors, {range.Name}", ReportName.AirQuality, source, From(), To());
            }

            foreach (var source in new[] { "raw", "rollup_1h", "rollup_1d" })
            {
                Add($"completeness of all {ReportsBenchSettings.Parks * ReportsBenchSettings.SensorsPerPark} sensors, {range.Name}", ReportName.Completeness, source, From(), To());
            }

            cases.Add(new ReportCase($"waste of {settings.Banks} banks by {(range.Name == "month" ? "day" : "month")}, {range.Name}", ReportName.Waste, "deposits",
                new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = range.From, ["to"] = range.To, ["by"] = range.Name == "month" ? "day" : "month" }));
        }

        return cases;
    }
}
