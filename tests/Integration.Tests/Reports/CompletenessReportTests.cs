using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Integration.Tests.Servers;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// Data completeness against a real InfluxDB: samples received against expected, messages lost (by seq), last seen,
/// silent devices, from raw data and from the daily roll-up.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class CompletenessReportTests(RealServers servers) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;

    private ReportSeed Seed => _database.Seed;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Each_sensor_has_its_samples_against_those_its_usual_rate_would_give_over_the_range()
    {
        var report = await CompletenessAsync(_database.Services());

        var minutes = (ReportSeed.ParkEnd - ReportSeed.ParkStart).TotalMinutes;
        foreach (var sensor in new[] { "aq-1", "env-1", "soil-1" })
        {
            var samples = Seed.Samples.Where(s => s.Sensor == sensor).ToList();
            var perHour = MedianPerHour(samples);
            var expected = (long)Math.Floor(minutes * perHour / 60);
            var row = report.Devices.SelectMany(d => d.Sensors).Single(s => s.Sensor == sensor);
            Assert.Equal((samples.Count, expected, 3600 / perHour, "observed"), (row.Received, row.Expected!.Value, row.ExpectedIntervalS!.Value, row.IntervalSource));
            Assert.Equal(Math.Round(100.0 * samples.Count / expected, 1), row.CompletenessPct);
            Assert.Equal(samples.Max(s => s.Time), row.LastSeen);
        }

        // The range ended before the report was made: its figures are final.
        Assert.False(report.Partial);
    }

    [Fact]
    public async Task Messages_lost_in_transit_are_counted_from_the_gap_in_their_numbers()
    {
        var report = await CompletenessAsync(_database.Services());

        var park01 = report.Devices.Single(d => d.Device == "park-01");
        var batches = Seed.Batches.Where(b => b.Device == "park-01").ToList();
        var lost = batches.Max(b => b.Seq) - batches.Min(b => b.Seq) + 1 - batches.Count;
        Assert.Equal((batches.Count, lost), (park01.Messages, park01.MissingMessages!.Value));
        Assert.Equal((ReportSeed.LostTo - ReportSeed.LostFrom).TotalMinutes, lost);
        Assert.Equal(0, report.Devices.Single(d => d.Device == "park-02").MissingMessages);
    }

    [Fact]
    public async Task A_device_that_stopped_early_and_one_heard_from_only_before_the_range_are_silent()
    {
        var report = await CompletenessAsync(_database.Services());

        var byDevice = report.Devices.ToDictionary(d => d.Device, StringComparer.Ordinal);
        Assert.False(byDevice["park-01"].Silent);
        Assert.True(byDevice["park-02"].Silent);
        Assert.Equal(Seed.Samples.Where(s => s.Device == "park-02").Max(s => s.Time), byDevice["park-02"].LastSeen);
        Assert.Equal((long)(ReportSeed.ParkEnd - byDevice["park-02"].LastSeen!.Value).TotalSeconds, byDevice["park-02"].SilentForS);
        Assert.True(byDevice["park-03"].Silent);
        Assert.Empty(byDevice["park-03"].Sensors);
        Assert.Equal(("online", Seed.Statuses.Where(s => s.Device == "park-03").Max(s => s.Time)), (byDevice["park-03"].LastStatus, byDevice["park-03"].LastStatusAt!.Value));
    }

    [Fact]
    public async Task The_daily_roll_up_gives_the_same_samples_and_messages_as_raw_data()
    {
        var services = _database.Services();
        await SensorHistoryTests.RunSetupAndBackfillAsync(services, new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd));

        var raw = await CompletenessAsync(services);
        var daily = await CompletenessAsync(services, ("source", "rollup_1d"));

        Assert.Equal("rollup_1d", daily.Source);
        Assert.Equal(
            raw.Devices.Select(d => (d.Device, d.Messages, d.MissingMessages, d.Silent, d.Sensors.Select(s => (s.Sensor, s.Received)).ToList())),
            daily.Devices.Select(d => (d.Device, d.Messages, d.MissingMessages, d.Silent, d.Sensors.Select(s => (s.Sensor, s.Received)).ToList())),
            new TupleListComparer());
        // From days, the usual rate is the median day's count.
        var soil = Seed.Samples.Where(s => s.Sensor == "soil-1").GroupBy(s => DayOf(s.Time)).Select(g => (double)g.Count()).Order().ToList();
        var perDay = soil.Count % 2 == 1 ? soil[soil.Count / 2] : (soil[(soil.Count / 2) - 1] + soil[soil.Count / 2]) / 2;
        Assert.Equal(86400 / perDay, daily.Devices.SelectMany(d => d.Sensors).Single(s => s.Sensor == "soil-1").ExpectedIntervalS);
    }

    [Fact]
    public async Task A_sensor_silent_for_days_before_the_end_is_found_in_the_hourly_roll_up_to_the_hour()
    {
        var services = _database.Services();
        await SensorHistoryTests.RunSetupAndBackfillAsync(services, new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd));

        var report = await CompletenessAsync(services, ("to", "2026-11-08"));

        var last = Seed.Samples.Where(s => s.Sensor == "soil-1").Max(s => s.Time);
        var soil = report.Devices.Single(d => d.Device == "park-02").Sensors.Single();
        Assert.Equal(new DateTimeOffset(last.Year, last.Month, last.Day, last.Hour, 0, 0, last.Offset), soil.LastSeen);
        Assert.Equal(Seed.Samples.Count(s => s.Sensor == "soil-1"), soil.Received);
    }

    private static async Task<CompletenessReport> CompletenessAsync(IServiceProvider services, params (string Name, string Value)[] more)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = "2026-11-01", ["to"] = "2026-11-04", ["site"] = ReportSeed.Park };
        foreach (var (name, value) in more)
        {
            values[name] = value;
        }

        var output = await services.GetRequiredService<ReportRunner>().RunAsync(ReportName.Completeness, values, CancellationToken.None);
        return Assert.IsType<CompletenessReport>(output.Report);
    }

    /// <summary>Compares the device tuples with their sensor lists element by element.</summary>
    private sealed class TupleListComparer : IEqualityComparer<(string, long, long?, bool, List<(string, long)>)>
    {
        public bool Equals((string, long, long?, bool, List<(string, long)>) x, (string, long, long?, bool, List<(string, long)>) y) =>
            (x.Item1, x.Item2, x.Item3, x.Item4) == (y.Item1, y.Item2, y.Item3, y.Item4) && x.Item5.SequenceEqual(y.Item5);

        public int GetHashCode((string, long, long?, bool, List<(string, long)>) obj) => obj.Item1.GetHashCode(StringComparison.Ordinal);
    }
}
