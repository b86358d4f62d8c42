using System.CommandLine;
using Pontive.Iot.Ingest.Reports.Influx;

namespace Pontive.Iot.Bench.Reports;

/// <summary>
/// <c>pontive-bench-reports [--days 365] [--interval-seconds 60] [--banks 10] [--deposits-per-day 40] [--repeat 3] …</c>.
/// bench/reports.sh starts a private InfluxDB and passes its address; run by hand, it expects one on the usual port.
/// </summary>
internal static class ReportsBenchCommandLine
{
    public static RootCommand Build()
    {
        var influxDbUrl = new Option<string>("--influxdb-url") { Description = "InfluxDB 1.x; the bench uses a database of its own and drops it after", DefaultValueFactory = _ => "http://127.0.0.1:8086" };
        var days = new Option<int>("--days") { Description = "Days of data, ending 1 December 2026 (WIB)", DefaultValueFactory = _ => 365 };
        var interval = new Option<int>("--interval-seconds") { Description = "Sampling interval of every sensor", DefaultValueFactory = _ => 60 };
        var banks = new Option<int>("--banks") { Description = "Waste banks", DefaultValueFactory = _ => 10 };
        var deposits = new Option<int>("--deposits-per-day") { Description = "Deposits per bank per day", DefaultValueFactory = _ => 40 };
        var repeat = new Option<int>("--repeat") { Description = "Times each query is run", DefaultValueFactory = _ => 3 };
        var resultsFile = new Option<string?>("--results-file") { Description = "Also write the report (Markdown) to this file" };
        var keep = new Option<bool>("--keep-database") { Description = "Leave the seeded database in InfluxDB, to query it by hand" };
        var root = new RootCommand("How long each report query takes over a year of data, raw and through the roll-ups.")
        {
            influxDbUrl, days, interval, banks, deposits, repeat, resultsFile, keep,
        };
        root.SetAction(async (parse, cancellationToken) =>
        {
            if (!Uri.TryCreate(parse.GetRequiredValue(influxDbUrl), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                await Console.Error.WriteLineAsync($"bench: --influxdb-url '{parse.GetValue(influxDbUrl)}' is not an http:// or https:// address").ConfigureAwait(false);
                return 2;
            }

            var settings = new ReportsBenchSettings(
                url,
                Math.Clamp(parse.GetValue(days), 2, 3650),
                Math.Clamp(parse.GetValue(interval), 1, 3600),
                Math.Clamp(parse.GetValue(banks), 1, 1000),
                Math.Clamp(parse.GetValue(deposits), 1, 10_000),
                Math.Clamp(parse.GetValue(repeat), 1, 100),
                parse.GetValue(resultsFile),
                parse.GetValue(keep));
            try
            {
                return await ReportsBenchmark.RunAsync(settings, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InfluxQueryException or InvalidOperationException or HttpRequestException)
            {
                await Console.Error.WriteLineAsync($"bench: failed: {ex.Message}").ConfigureAwait(false);
                return 1;
            }
        });
        return root;
    }
}
