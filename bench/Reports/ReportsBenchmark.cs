using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Commands;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Bench.Reports;

/// <summary>
/// Seeds a database of its own (a year of one-minute data for 50 sensors, and the banks' deposits), sets up and
/// backfills the roll-ups with Ingest's own code, then times every report query, raw and through the roll-ups, with
/// Ingest's own report code. Drops the database at the end.
/// </summary>
internal static class ReportsBenchmark
{
    public static async Task<int> RunAsync(ReportsBenchSettings settings, CancellationToken cancellationToken)
    {
        var machine = Machine.Read();
        using var http = new HttpClient { BaseAddress = settings.InfluxDbUrl, Timeout = TimeSpan.FromMinutes(30) };
        var services = ReportCommandHost.Build([
            $"--InfluxDb:Url={settings.InfluxDbUrl}", $"--InfluxDb:Database={settings.Database}", "--Reports:QueryTimeout=00:30:00", "--Reports:MaxRange=3660.00:00:00"]);
        await using (services.ConfigureAwait(false))
        {
            var influx = services.GetRequiredService<InfluxQueryClient>();
            try
            {
                await influx.ExecuteAsync($"CREATE DATABASE {InfluxQl.Identifier(settings.Database)}", cancellationToken).ConfigureAwait(false);
                var data = new BenchData(settings);
                var loader = new InfluxLoader(http, settings.Database);
                var total = data.TelemetryPoints + data.BatchPoints + data.DepositPoints;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: writing {data.TelemetryPoints:N0} telemetry points, {data.BatchPoints:N0} message numbers and {data.DepositPoints:N0} deposits over {settings.Days} days"));
                var lastShown = Stopwatch.StartNew();
                void Progress(long written)
                {
                    if (lastShown.Elapsed > TimeSpan.FromSeconds(15))
                    {
                        lastShown.Restart();
                        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench: {written:N0} lines written"));
                    }
                }

                var telemetryTime = await loader.LoadAsync(data.Telemetry(20_000), Progress, cancellationToken).ConfigureAwait(false);
                var depositTime = await loader.LoadAsync(data.Deposits(20_000), _ => { }, cancellationToken).ConfigureAwait(false);

                Console.Error.WriteLine("bench: setting up and backfilling the roll-ups");
                var setup = services.GetRequiredService<RollupSetup>();
                await setup.EnsureAsync(cancellationToken).ConfigureAwait(false);
                var backfillWatch = Stopwatch.StartNew();
                var rollupPoints = await services.GetRequiredService<RollupBackfill>()
                    .RunAsync(new TimeRange(settings.Start, ReportsBenchSettings.End), TimeSpan.FromDays(7), null, cancellationToken).ConfigureAwait(false);
                var backfillTime = backfillWatch.Elapsed;

                var timings = new List<CaseTiming>();
                foreach (var reportCase in ReportCases.For(settings))
                {
                    Console.Error.WriteLine($"bench: {reportCase.Question} from {reportCase.Source}");
                    timings.Add(await TimeAsync(services, reportCase, settings.Repeats, cancellationToken).ConfigureAwait(false));
                }

                var page = ReportsBenchReport.Render(settings, machine, await InfluxVersionAsync(http, cancellationToken).ConfigureAwait(false), data,
                    telemetryTime, depositTime, total, backfillTime, rollupPoints, timings, Machine.ReadLoadAverage());
                Console.WriteLine(page);
                if (settings.ResultsFile is { } file)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                    await File.WriteAllTextAsync(file, page, cancellationToken).ConfigureAwait(false);
                }

                return timings.All(t => t.Error is null) ? 0 : 1;
            }
            finally
            {
                if (settings.KeepDatabase)
                {
                    Console.Error.WriteLine($"bench: database {settings.Database} kept");
                }
                else
                {
                    await influx.ExecuteAsync($"DROP DATABASE {InfluxQl.Identifier(settings.Database)}", CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<CaseTiming> TimeAsync(IServiceProvider services, ReportCase reportCase, int repeats, CancellationToken cancellationToken)
    {
        var runner = services.GetRequiredService<ReportRunner>();
        var runs = new List<TimeSpan>();
        var answer = string.Empty;
        try
        {
            for (var i = 0; i < repeats; i++)
            {
                var watch = Stopwatch.StartNew();
                var output = await runner.RunAsync(reportCase.Report, reportCase.Parameters, cancellationToken).ConfigureAwait(false);
                runs.Add(watch.Elapsed);
                answer = Summary(output.Report);
            }

            return new CaseTiming(reportCase, runs, answer, null);
        }
        catch (Exception ex) when (ex is InfluxQueryException or ReportRequestException)
        {
            return new CaseTiming(reportCase, runs, answer, ex.Message);
        }
    }

    /// <summary>A few figures of the answer, so raw and roll-up answers can be seen to agree.</summary>
    private static string Summary(object report) => report switch
    {
        SensorHistoryReport h => string.Create(CultureInfo.InvariantCulture,
            $"{h.Series.Sum(s => s.Points.Count)} points, {h.Series.Sum(s => s.Points.Sum(p => p.Count)):N0} samples, mean {h.Series.SelectMany(s => s.Points).Sum(p => p.Mean * p.Count) / Math.Max(1, h.Series.Sum(s => s.Points.Sum(p => p.Count))):0.####}"),
        AirQualityReport a => string.Create(CultureInfo.InvariantCulture,
            $"{a.Days.Count} sensor-days, {a.Days.Sum(d => d.Pm25Samples):N0} samples, ISPU sum {a.Days.Sum(d => d.Ispu):N0}"),
        CompletenessReport c => string.Create(CultureInfo.InvariantCulture,
            $"{c.Devices.Count} devices, {c.Devices.Sum(d => d.Sensors.Sum(s => s.Received)):N0} samples, {c.Devices.Sum(d => d.Messages):N0} messages, {c.Devices.Sum(d => d.MissingMessages ?? 0):N0} missing"),
        WasteReport w => string.Create(CultureInfo.InvariantCulture,
            $"{w.Rows.Count} rows, {w.Total.Deposits:N0} deposits, {w.Total.MassKg:N1} kg, {w.Total.VoidedDeposits:N0} voided"),
        _ => string.Empty,
    };

    private static async Task<string> InfluxVersionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri("ping", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValues("X-Influxdb-Version", out var values) ? $"InfluxDB {values.First()}" : "InfluxDB";
    }
}
