using System.Globalization;
using System.Text;

namespace Pontive.Iot.Bench.Reports;

/// <summary>The run's figures as a Markdown page: printed, and written to the results file.</summary>
internal static class ReportsBenchReport
{
    public static string Render(
        ReportsBenchSettings settings,
        Machine machine,
        string influxDb,
        BenchData data,
        TimeSpan telemetryTime,
        TimeSpan depositTime,
        long totalPoints,
        TimeSpan backfillTime,
        long rollupPoints,
        IReadOnlyList<CaseTiming> timings,
        string loadAfter)
    {
        var page = new StringBuilder();
        void Line(FormattableString text) => page.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# Report queries over {settings.Days} days of one-minute data from {ReportsBenchSettings.Parks * ReportsBenchSettings.SensorsPerPark} sensors");
        Line($"");
        Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (run {settings.RunId}); each query run {settings.Repeats} times, median and fastest shown.");
        Line($"");
        Line($"| question | source | median | fastest | answer |");
        Line($"| --- | --- | ---: | ---: | --- |");
        foreach (var t in timings)
        {
            var answer = t.Error is null ? t.Answer : $"FAILED: {t.Error}";
            Line($"| {t.Case.Question} | {t.Case.Source} | {Seconds(t.Median)} | {Seconds(t.Fastest)} | {answer.Replace("|", "\\|", StringComparison.Ordinal)} |");
        }

        Line($"");
        Line($"Answers from raw data and from a roll-up should agree (same samples, same mean). A roll-up's mean is Σsum ÷ Σcount, so it equals the raw mean; the last digits may differ by floating-point rounding.");
        Line($"");
        Line($"| data | value |");
        Line($"| --- | --- |");
        Line($"| telemetry | {data.TelemetryPoints:N0} points ({ReportsBenchSettings.Parks} parks × {ReportsBenchSettings.SensorsPerPark} sensors × every {settings.IntervalSeconds} s × {settings.Days} days), {data.BatchPoints:N0} message-number points, hourly statuses |");
        Line($"| deposits | {data.DepositPoints:N0} ({settings.Banks} banks × {settings.DepositsPerBankPerDay} a day), one in 97 voided |");
        Line($"| loading | telemetry {Seconds(telemetryTime)}, deposits {Seconds(depositTime)}: {totalPoints / (telemetryTime + depositTime).TotalSeconds:N0} points/s (line protocol, 20,000 lines a request, 2 at a time) |");
        Line($"| roll-up backfill | {Seconds(backfillTime)} for {rollupPoints:N0} roll-up points (hourly and daily, 7 days per statement) |");
        Line($"| InfluxDB | {influxDb} at {settings.InfluxDbUrl} |");
        Line($"| machine | {machine.Cores} cores, {machine.Processor}; {machine.System} |");
        Line($"| load average (1/5/15 min) | {machine.LoadAverage} before, {loadAfter} after |");
        Line($"");
        Line($"Times are wall-clock from the report code's request to its finished answer (the InfluxQL query, reading the answer, the report's own arithmetic), on the machine above with whatever else ran on it: compare figures from one run, not across machines.");
        return page.ToString();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds < 10
        ? time.TotalSeconds.ToString("0.000 's'", CultureInfo.InvariantCulture)
        : time.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture);
}
