using Microsoft.Extensions.DependencyInjection;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Integration.Tests.Servers;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>Daily ISPU against a real InfluxDB: each WIB day's PM2.5 and PM10 means, hours with data and indices.</summary>
[Collection(RealServers.Collection)]
public sealed class AirQualityReportTests(RealServers servers) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;

    public async Task InitializeAsync() => _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("raw")]
    [InlineData("rollup_1h")]
    public async Task Each_day_has_the_seeds_means_hours_and_ispu(string source)
    {
        var services = _database.Services();
        await SensorHistoryTests.RunSetupAndBackfillAsync(services, new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd));

        var output = await services.GetRequiredService<ReportRunner>().RunAsync(ReportName.AirQuality,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["from"] = "2026-11-01", ["to"] = "2026-11-04", ["site"] = ReportSeed.Park, ["source"] = source },
            CancellationToken.None);
        var report = Assert.IsType<AirQualityReport>(output.Report);

        var expected = _database.Seed.Samples.Where(s => s.Kind == "air_quality").GroupBy(s => DayOf(s.Time)).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Count, report.Days.Count);
        foreach (var (day, samples) in report.Days.Zip(expected))
        {
            var pm25 = samples.Average(s => s.Values["pm25_ugm3"]);
            var pm10 = samples.Average(s => s.Values["pm10_ugm3"]);
            var hours = samples.Select(s => s.Time.ToUnixTimeSeconds() / 3600).Distinct().Count();
            var (ispu25, ispu10) = (Ispu("pm25_ugm3", pm25), Ispu("pm10_ugm3", pm10));
            Assert.Equal((samples.Key, "park-01", "aq-1"), (day.Date, day.Device, day.Sensor));
            Assert.Equal(pm25, day.Pm25Ugm3!.Value, 9);
            Assert.Equal(pm10, day.Pm10Ugm3!.Value, 9);
            Assert.Equal((samples.Count(), hours, samples.Count(), hours), (day.Pm25Samples, day.Pm25Hours, day.Pm10Samples, day.Pm10Hours));
            Assert.Equal((ispu25, ispu10, Math.Max(ispu25, ispu10)), (day.Pm25Ispu, day.Pm10Ispu, day.Ispu));
            Assert.Equal(ispu25 >= ispu10 ? "PM2.5" : "PM10", day.Dominant);
            Assert.Equal(IspuCategory.Of(day.Ispu).Code, day.Category);
        }

        var summary = Assert.Single(report.Sensors);
        Assert.Equal(expected.Count, summary.DaysByCategory.Values.Sum());
        Assert.Equal(report.Days.Max(d => d.Ispu), summary.WorstIspu);
    }
}
