using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Integration.Tests.Reports;
using Pontive.Iot.Integration.Tests.Servers;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Dashboard;

/// <summary>
/// Every InfluxQL query of the Grafana dashboard (deploy/grafana/dashboards) run on a real InfluxDB 1.x holding the
/// reports' known data set, with Grafana's variables filled in as Grafana fills them: each is accepted, and the waste,
/// particulate and message figures are the seed's. (Grafana itself, with its transformations, is not run here.)
/// </summary>
[Collection(RealServers.Collection)]
public sealed partial class GrafanaQueryTests(RealServers servers) : IAsyncLifetime
{
    private static readonly DateTimeOffset November = new(2026, 11, 1, 0, 0, 0, ReportSeed.Wib);
    private ReportsDatabase _database = null!;
    private JsonElement _dashboard;

    private ReportSeed Seed => _database.Seed;

    public async Task InitializeAsync()
    {
        _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());
        await SensorHistoryTests.RunSetupAndBackfillAsync(_database.Services(), new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd));
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "grafana", "dashboards", "pontive.json")));
        _dashboard = document.RootElement.Clone();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("rollup_1h", "1h")]
    [InlineData("rollup_1d", "1d")]
    public async Task Every_query_of_the_dashboard_is_accepted_by_influxdb(string rollup, string interval)
    {
        var queries = Targets().Select(t => t.Query).Concat(Variables()).ToList();

        Assert.NotEmpty(queries);
        foreach (var query in queries)
        {
            var filled = Fill(query, November, November.AddMonths(1), rollup, interval);
            var exception = await Record.ExceptionAsync(() => _database.Influx.QueryAsync(_database.Name, filled));
            Assert.True(exception is null, $"InfluxDB refused {filled}: {exception?.Message}");
        }
    }

    [Theory]
    [InlineData("mass_kg")]
    [InlineData("value_idr")]
    public async Task The_waste_bars_add_up_to_novembers_deposits_less_every_void_stored_in_november(string field)
    {
        var query = Targets().Single(t => t.Query.Contains($"sum(\"{field}\") AS \"x\" FROM \"deposit\"", StringComparison.Ordinal)).Query;

        var series = await _database.Influx.QueryAsync(_database.Name, Fill(query, November, November.AddMonths(1), "rollup_1h", "1h"));

        var rows = series.SelectMany(s => s.Rows).ToList();
        var drawn = rows.Sum(r => r[field == "mass_kg" ? "net_kg" : "net_idr"].GetDouble());
        var november = Waste(Seed, Seed.Deposits.Where(d => MonthOf(d.Time) == "2026-11"));
        // Grafana cannot match a void to its deposit: the void whose deposit never arrived is subtracted too.
        var unmatched = MonthOf(Seed.UnmatchedVoid.Deposit.Time) == "2026-11" ? Seed.UnmatchedVoid.Deposit : null;
        var expected = field == "mass_kg" ? november.MassKg - (unmatched?.MassKg ?? 0) : november.ValueIdr - (unmatched?.ValueIdr ?? 0);
        Assert.Equal((double)expected, drawn, 6);
        // Daily buckets start at 00:00 WIB, so Grafana's month of a bucket is its WIB month.
        Assert.All(rows, r => Assert.Equal(TimeSpan.Zero, DateTimeOffset.FromUnixTimeMilliseconds(r["time"].GetInt64()).ToOffset(ReportSeed.Wib).TimeOfDay));
    }

    [Fact]
    public async Task The_pm25_panel_from_the_daily_roll_up_gives_each_wib_days_mean()
    {
        var query = Targets().Single(t => t.Query.Contains("\"sum_pm25_ugm3\"", StringComparison.Ordinal)).Query;

        var series = await _database.Influx.QueryAsync(_database.Name, Fill(query, ReportSeed.ParkStart, ReportSeed.ParkEnd, "rollup_1d", "1d"));

        var expected = WindowsOf(Seed.Samples.Where(s => s.Sensor == "aq-1"), "pm25_ugm3", TimeSpan.FromDays(1));
        var rows = Assert.Single(series, s => s.Tags.GetValueOrDefault("device") == "park-01").Rows;
        Assert.Equal(expected.Select(e => e.Start.ToUnixTimeMilliseconds()), rows.Select(r => r["time"].GetInt64()));
        Assert.Equal(expected.Select(e => Math.Round(e.Mean, 6)), rows.Select(r => Math.Round(r["rata-rata"].GetDouble(), 6)));
        Assert.Equal(expected.Select(e => e.Max), rows.Select(r => r["maks"].GetDouble()));
    }

    [Fact]
    public async Task The_message_table_counts_the_lost_messages_of_a_device_that_never_restarted()
    {
        var query = Targets().Single(t => t.Query.Contains("\"hilang_maks\"", StringComparison.Ordinal)).Query;

        var series = await _database.Influx.QueryAsync(_database.Name, Fill(query, ReportSeed.ParkStart, ReportSeed.ParkEnd, "rollup_1h", "1h"));

        var park01 = Assert.Single(series, s => s.Tags.GetValueOrDefault("device") == "park-01").Rows.Single();
        Assert.Equal((long)(ReportSeed.LostTo - ReportSeed.LostFrom).TotalMinutes, park01["hilang_maks"].GetInt64());
        Assert.Equal(Seed.Batches.Count(b => b.Device == "park-01"), park01["pesan"].GetInt64());
    }

    [Fact]
    public async Task The_value_variable_offers_the_stored_values_of_the_chosen_kind()
    {
        var variable = _dashboard.GetProperty("templating").GetProperty("list").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "field");
        var regex = new Regex(variable.GetProperty("regex").GetString()!.Trim('/'), RegexOptions.None, TimeSpan.FromSeconds(1));

        var series = await _database.Influx.QueryAsync(_database.Name, Fill(variable.GetProperty("query").GetString()!, November, November.AddMonths(1), "rollup_1h", "1h").Replace("air_quality", "environment", StringComparison.Ordinal));

        var offered = series.SelectMany(s => s.Rows).Select(r => regex.Match(r["fieldKey"].GetString()!)).Where(m => m.Success).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal);
        // InfluxDB lists the fields it holds: the seed's environment samples carry no pressure.
        Assert.Equal(Seed.Samples.Where(s => s.Kind == "environment").SelectMany(s => s.Values.Keys).Distinct().Order(StringComparer.Ordinal), offered);
    }

    private IEnumerable<(string Panel, string Query)> Targets() =>
        _dashboard.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("query").GetString()!)));

    private IEnumerable<string> Variables() =>
        _dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Where(v => v.GetProperty("type").GetString() == "query")
            .Select(v => v.GetProperty("query").GetString()!);

    /// <summary>Grafana's variables as Grafana fills them: the time range in epoch milliseconds, "All" as <c>.*</c>.</summary>
    private static string Fill(string query, DateTimeOffset from, DateTimeOffset to, string rollup, string interval) =>
        query
            .Replace("$timeFilter", string.Create(CultureInfo.InvariantCulture, $"time >= {from.ToUnixTimeMilliseconds()}ms and time <= {to.ToUnixTimeMilliseconds() - 1}ms"), StringComparison.Ordinal)
            .Replace("$__interval", interval, StringComparison.Ordinal)
            .Replace("$rollup", rollup, StringComparison.Ordinal)
            .Replace("$kind", "air_quality", StringComparison.Ordinal)
            .Replace("$field", "pm25_ugm3", StringComparison.Ordinal)
            .Replace("$bank", ".*", StringComparison.Ordinal)
            .Replace("$site", ".*", StringComparison.Ordinal)
            .Replace("$sensor", ".*", StringComparison.Ordinal);
}
