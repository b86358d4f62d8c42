using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Output;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Integration.Tests.Servers;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// "This month, daily" on the last day of the seed, against a real InfluxDB 1.x: the roll-ups hold the earlier days
/// (backfilled) and today only as far as the continuous queries' last run, yet today is in the report, read from raw
/// data with its exact mean, marked partial, and no day is there twice. A sample that arrives late for an earlier day,
/// after its roll-up was written, shows that those days come from the roll-up. Completeness counts today's samples and
/// message numbers the same way, with today joined into one day where the hourly roll-up cuts it.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class RollupTailTests(RealServers servers) : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(2026, 11, 3, 0, 0, 0, ReportSeed.Wib);

    /// <summary>Half a minute after the seed's last sample, before the day is over.</summary>
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 23, 59, 30, ReportSeed.Wib);

    /// <summary>The continuous queries run at whole hours; by 23:59:30 the last one that surely finished ran at 22:00.</summary>
    private static readonly DateTimeOffset LastRun = new(2026, 11, 3, 22, 0, 0, ReportSeed.Wib);

    private static readonly DateTimeOffset LateSampleTime = new(2026, 11, 2, 10, 30, 30, ReportSeed.Wib);

    private ReportsDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task On_a_fresh_system_with_empty_roll_ups_today_is_still_in_a_daily_report()
    {
        var report = await HistoryAsync(_database.Services(new FakeTimeProvider(Now)));

        var point = Assert.Single(Assert.Single(report.Series).Points);
        var today = ExpectedDays().Single(d => d.Start == Today);
        Assert.Equal((Today, today.Count, true), (point.Time, point.Count, point.Partial));
        Assert.Equal(today.Mean, point.Mean, 9);
        Assert.Equal("rollup_1d+raw", report.Source);
    }

    [Fact]
    public async Task Earlier_days_come_from_the_daily_roll_up_and_today_from_raw_data_once_with_its_exact_mean_and_marked_partial()
    {
        var services = _database.Services(new FakeTimeProvider(Now));
        await RollUpAsTheContinuousQueriesWouldHaveAsync(services);
        await WriteLateSampleAsync();

        var report = await HistoryAsync(services);

        var points = Assert.Single(report.Series).Points;
        var expected = ExpectedDays();
        Assert.Equal(expected.Select(e => e.Start), points.Select(p => p.Time));
        foreach (var (point, want) in points.Zip(expected))
        {
            Assert.Equal((want.Count, want.Min, want.Max, want.Start == Today), (point.Count, point.Min, point.Max, point.Partial));
            Assert.Equal(want.Mean, point.Mean, 9);
        }

        Assert.Equal("rollup_1d+raw", report.Source);
        // Raw data has the late sample; the roll-up, written before it arrived, does not.
        var raw = await HistoryAsync(services, ("source", "raw"), ("from", "2026-11-01"), ("to", "2026-11-04"));
        Assert.Equal(expected[1].Count + 1, raw.Series[0].Points[1].Count);

        var csv = (await RunAsync(services, ReportName.SensorHistory, HistoryParameters(("format", "csv")))).Csv();
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",partial", rows[0], StringComparison.Ordinal);
        Assert.Equal(["false", "false", "true"], rows.Skip(1).Select(r => r.Split(',')[^1]));
    }

    [Fact]
    public async Task The_air_quality_days_add_the_hourly_roll_up_and_the_raw_hours_since_its_last_run()
    {
        var services = _database.Services(new FakeTimeProvider(Now));
        await RollUpAsTheContinuousQueriesWouldHaveAsync(services);
        await WriteLateSampleAsync();

        var output = await RunAsync(services, ReportName.AirQuality, new Dictionary<string, string>(StringComparer.Ordinal) { ["month"] = "2026-11", ["site"] = ReportSeed.Park });
        var report = Assert.IsType<AirQualityReport>(output.Report);

        var expected = _database.Seed.Samples.Where(s => s.Kind == "air_quality").GroupBy(s => DayOf(s.Time)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal("rollup_1h+raw", report.Source);
        Assert.Equal(expected.Select(g => g.Key), report.Days.Select(d => d.Date));
        foreach (var (day, samples) in report.Days.Zip(expected))
        {
            var hours = samples.Select(s => s.Time.ToUnixTimeSeconds() / 3600).Distinct().Count();
            Assert.Equal((samples.Count(), hours, samples.Count(), hours), (day.Pm25Samples, day.Pm25Hours, day.Pm10Samples, day.Pm10Hours));
            Assert.Equal(samples.Average(s => s.Values["pm25_ugm3"]), day.Pm25Ugm3!.Value, 9);
            Assert.Equal(samples.Average(s => s.Values["pm10_ugm3"]), day.Pm10Ugm3!.Value, 9);
            Assert.Equal(samples.Key == "2026-11-03", day.Partial);
        }

        Assert.EndsWith(",true", output.Csv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries)[^1], StringComparison.Ordinal);
        // The month's summary counts today's day so far, and says so.
        Assert.True(Assert.Single(report.Sensors).Partial);
    }

    [Fact]
    public async Task Over_raw_data_too_todays_air_quality_day_and_its_sensors_summary_are_partial_and_a_range_that_ended_is_not()
    {
        var services = _database.Services(new FakeTimeProvider(Now));

        var thisWeek = await AirQualityAsync(services, ("from", "2026-11-01"), ("to", "2026-11-04"));
        var untilYesterday = await AirQualityAsync(services, ("from", "2026-11-01"), ("to", "2026-11-03"));

        Assert.Equal("raw", thisWeek.Source);
        Assert.Equal([false, false, true], thisWeek.Days.Select(d => d.Partial));
        var summary = Assert.Single(thisWeek.Sensors);
        Assert.Equal((3, true), (summary.Days, summary.Partial));
        Assert.All(untilYesterday.Days, d => Assert.False(d.Partial));
        Assert.False(Assert.Single(untilYesterday.Sensors).Partial);
    }

    [Fact]
    public async Task This_months_completeness_over_the_hourly_roll_up_counts_todays_samples_and_messages_from_raw_data_and_is_partial()
    {
        var services = _database.Services(new FakeTimeProvider(Now));
        await RollUpAsTheContinuousQueriesWouldHaveAsync(services);

        var output = await RunAsync(services, ReportName.Completeness, new Dictionary<string, string>(StringComparer.Ordinal) { ["month"] = "2026-11", ["site"] = ReportSeed.Park });
        var report = Assert.IsType<CompletenessReport>(output.Report);

        // The hourly roll-up up to 22:00 (its last run), raw data from 22:00 to now.
        Assert.Equal("rollup_1h+raw", report.Source);
        AssertEverySampleAndMessageCounted(report);
        Assert.True(report.Partial);
        Assert.Contains("\"partial\":true,", JsonSerializer.Serialize(report, ReportJson.Options), StringComparison.Ordinal);
        var rows = output.Csv().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",partial", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(1), row => Assert.EndsWith(",true", row, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Completeness_by_day_over_the_hourly_roll_up_joins_today_cut_at_its_last_hour_into_one_day()
    {
        var services = _database.Services(new FakeTimeProvider(Now));
        await RollUpAsTheContinuousQueriesWouldHaveAsync(services);

        // Over 31 days samples are counted per day; today is cut where the hourly roll-up ends (22:00).
        var output = await RunAsync(services, ReportName.Completeness, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["from"] = "2026-10-01", ["to"] = "2026-11-04", ["site"] = ReportSeed.Park, ["source"] = "rollup_1h",
        });
        var report = Assert.IsType<CompletenessReport>(output.Report);

        Assert.Equal("rollup_1h+raw", report.Source);
        AssertEverySampleAndMessageCounted(report);
        // The usual day holds 1440 samples (a minute apart): the median of 1 Nov (1440), 2 Nov (1320, two hours lost)
        // and today so far (1440). Today as two parts (1320 and 120) would make it 1320, about 65 s.
        var aq = report.Devices.SelectMany(d => d.Sensors).Single(s => s.Sensor == "aq-1");
        Assert.Equal((60.0, "observed"), (aq.ExpectedIntervalS!.Value, aq.IntervalSource));
        Assert.True(report.Partial);
    }

    private void AssertEverySampleAndMessageCounted(CompletenessReport report)
    {
        foreach (var sensor in new[] { "aq-1", "env-1", "soil-1" })
        {
            var row = report.Devices.SelectMany(d => d.Sensors).Single(s => s.Sensor == sensor);
            Assert.Equal((sensor, (long)_database.Seed.Samples.Count(s => s.Sensor == sensor)), (sensor, row.Received));
        }

        var batches = _database.Seed.Batches.Where(b => b.Device == "park-01").ToList();
        var park01 = report.Devices.Single(d => d.Device == "park-01");
        // Only the two hours lost in transit are missing: the boundary at 22:00 is no gap.
        Assert.Equal(
            (batches.Count, (long)(ReportSeed.LostTo - ReportSeed.LostFrom).TotalMinutes, batches.Min(b => b.Seq), batches.Max(b => b.Seq)),
            (park01.Messages, park01.MissingMessages!.Value, park01.FirstSeq!.Value, park01.LastSeq!.Value));
    }

    private static async Task<AirQualityReport> AirQualityAsync(IServiceProvider services, params (string Name, string Value)[] parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["site"] = ReportSeed.Park };
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        return Assert.IsType<AirQualityReport>((await RunAsync(services, ReportName.AirQuality, values)).Report);
    }

    /// <summary>
    /// The earlier days backfilled, and today as far as the continuous queries' last run at 22:00: the hourly roll-up up
    /// to 22:00 and a daily point for today holding the samples until then (the daily query recomputes today each hour).
    /// </summary>
    private static async Task RollUpAsTheContinuousQueriesWouldHaveAsync(IServiceProvider services)
    {
        await SensorHistoryTests.RunSetupAndBackfillAsync(services, new TimeRange(ReportSeed.ParkStart, Today));
        var influx = services.GetRequiredService<InfluxQueryClient>();
        foreach (var query in services.GetRequiredService<RollupPlan>().Queries)
        {
            await influx.ExecuteAsync(query.Over(Today, LastRun), CancellationToken.None);
        }
    }

    /// <summary>A sample for 2 November that arrives after its roll-ups were written (in the two hours lost in transit).</summary>
    private async Task WriteLateSampleAsync()
    {
        using var writer = new InfluxV1Writer(servers.InfluxDbUrl);
        await writer.WriteAsync(_database.Name, string.Create(CultureInfo.InvariantCulture,
            $"air_quality,device=park-01,sensor=aq-1,site={ReportSeed.Park} pm25_ugm3=400,pm10_ugm3=600 {LateSampleTime.ToUnixTimeMilliseconds()}\n"));
    }

    private IReadOnlyList<(DateTimeOffset Start, double Mean, double Min, double Max, long Count)> ExpectedDays() =>
        WindowsOf(_database.Seed.Samples.Where(s => s.Sensor == "aq-1"), "pm25_ugm3", TimeSpan.FromDays(1));

    private static Dictionary<string, string> HistoryParameters(params (string Name, string Value)[] parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["site"] = ReportSeed.Park, ["sensor"] = "aq-1", ["field"] = "pm25_ugm3", ["window"] = "1d", ["month"] = "2026-11",
        };
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        if (values.ContainsKey("from"))
        {
            values.Remove("month");
        }

        return values;
    }

    private static async Task<SensorHistoryReport> HistoryAsync(IServiceProvider services, params (string Name, string Value)[] parameters) =>
        Assert.IsType<SensorHistoryReport>((await RunAsync(services, ReportName.SensorHistory, HistoryParameters(parameters))).Report);

    private static Task<ReportOutput> RunAsync(IServiceProvider services, ReportName name, Dictionary<string, string> parameters) =>
        services.GetRequiredService<ReportRunner>().RunAsync(name, parameters, CancellationToken.None);
}
