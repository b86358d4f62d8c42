using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Integration.Tests.Servers;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// A sensor's history from raw samples and from the hourly and daily roll-ups (after a backfill) against a real
/// InfluxDB: every window's mean, min, max and count equals the seed's, and a roll-up gives the same figures as raw.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class SensorHistoryTests(RealServers servers) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("raw", "1h")]
    [InlineData("raw", "15m")]
    [InlineData("raw", "1d")]
    [InlineData("rollup_1h", "1h")]
    [InlineData("rollup_1h", "3h")]
    [InlineData("rollup_1h", "1d")]
    [InlineData("rollup_1d", "1d")]
    public async Task Each_window_has_the_mean_min_max_and_count_of_the_seeds_samples(string source, string window)
    {
        var services = _database.Services();
        await BackfillAsync(services);

        var report = await HistoryAsync(services, ("sensor", "aq-1"), ("field", "pm25_ugm3"), ("window", window), ("source", source));

        var expected = WindowsOf(_database.Seed.Samples.Where(s => s.Sensor == "aq-1"), "pm25_ugm3", AggregationWindow.Parse(window, out _)!.Length);
        var series = Assert.Single(report.Series);
        Assert.Equal("park-01", series.Device);
        Assert.Equal(source, report.Source);
        Assert.Equal(expected.Count, series.Points.Count);
        foreach (var (point, want) in series.Points.Zip(expected))
        {
            Assert.Equal(want.Start, point.Time);
            Assert.Equal(want.Mean, point.Mean, 9);
            Assert.Equal((want.Min, want.Max, want.Count), (point.Min, point.Max, point.Count));
            Assert.Equal(Ispu("pm25_ugm3", want.Mean), point.Ispu);
        }
    }

    [Fact]
    public async Task A_value_both_kinds_have_is_read_from_the_kind_asked()
    {
        var report = await HistoryAsync(_database.Services(), ("sensor", "env-1"), ("field", "temperature_c"), ("kind", "environment"), ("window", "1d"));

        var expected = WindowsOf(_database.Seed.Samples.Where(s => s.Sensor == "env-1"), "temperature_c", TimeSpan.FromDays(1));
        Assert.Equal(expected.Select(e => (e.Start, Math.Round(e.Mean, 9), e.Count)), Assert.Single(report.Series).Points.Select(p => (p.Time, Math.Round(p.Mean, 9), p.Count)));
        Assert.Equal("°C", report.Unit);
        Assert.All(report.Series[0].Points, p => Assert.Null(p.Ispu));
    }

    [Fact]
    public async Task A_long_range_by_day_reads_the_daily_roll_up_by_itself()
    {
        var services = _database.Services();
        await BackfillAsync(services);

        var report = await HistoryAsync(services, ("sensor", "aq-1"), ("field", "pm10_ugm3"), ("window", "1d"), ("from", "2026-10-01"), ("to", "2026-12-01"));

        Assert.Equal("rollup_1d", report.Source);
        Assert.Equal(WindowsOf(_database.Seed.Samples.Where(s => s.Sensor == "aq-1"), "pm10_ugm3", TimeSpan.FromDays(1)).Select(e => e.Count),
            report.Series[0].Points.Select(p => p.Count));
    }

    [Fact]
    public async Task Too_many_points_are_refused_with_the_smallest_window_that_fits()
    {
        var error = await Assert.ThrowsAsync<ReportRequestException>(() =>
            HistoryAsync(_database.Services(), ("sensor", "aq-1"), ("field", "pm25_ugm3"), ("window", "1m"), ("from", "2026-01-01"), ("to", "2026-12-01")));

        Assert.Contains("use a window of at least 25m", error.Message, StringComparison.Ordinal);
    }

    private static Task BackfillAsync(IServiceProvider services) =>
        RunSetupAndBackfillAsync(services, new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd));

    internal static async Task RunSetupAndBackfillAsync(IServiceProvider services, TimeRange range)
    {
        await services.GetRequiredService<RollupSetup>().EnsureAsync(CancellationToken.None);
        await services.GetRequiredService<RollupBackfill>().RunAsync(range, TimeSpan.FromDays(7), null, CancellationToken.None);
    }

    private static async Task<SensorHistoryReport> HistoryAsync(IServiceProvider services, params (string Name, string Value)[] parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal) { ["site"] = ReportSeed.Park, ["from"] = "2026-11-01", ["to"] = "2026-11-04" };
        foreach (var (name, value) in parameters)
        {
            values[name] = value;
        }

        var output = await services.GetRequiredService<ReportRunner>().RunAsync(ReportName.SensorHistory, values, CancellationToken.None);
        return Assert.IsType<SensorHistoryReport>(output.Report);
    }
}
