using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// The reports over HTTP from the real Ingest service: JSON for dashboards, CSV for spreadsheets, a 400 that names every
/// bad parameter, and 503 when InfluxDB cannot be reached.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class ReportEndpointTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private ReportsDatabase _database = null!;
    private IngestUnderTest _ingest = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());
        _ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database.Name,
        });
        _http = new HttpClient { BaseAddress = _ingest.HttpAddress };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _ingest.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_waste_report_is_json_with_snake_case_names_a_dashboard_can_chart()
    {
        using var response = await _http.GetAsync(new Uri("reports/waste?month=2026-11&by=week", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal("WIB (UTC+07:00)", root.GetProperty("time_zone").GetString());
        var november = Waste(_database.Seed, _database.Seed.Deposits.Where(d => MonthOf(d.Time) == "2026-11"));
        Assert.Equal(november.MassKg, root.GetProperty("total").GetProperty("mass_kg").GetDecimal());
        Assert.Equal(november.ValueIdr, root.GetProperty("total").GetProperty("value_idr").GetInt64());
        var periods = root.GetProperty("periods").EnumerateArray().ToList();
        Assert.Equal("2026-W44", periods[0].GetProperty("period").GetString());
        Assert.Equal("2026-10-26T00:00:00+07:00", periods[0].GetProperty("period_start").GetString());
        Assert.Single(root.GetProperty("unmatched_voids").EnumerateArray());
    }

    [Fact]
    public async Task Csv_is_given_for_format_csv_and_for_an_accept_header_and_holds_the_seeds_figures()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("reports/waste?month=2026-11&by=month", UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var byHeader = await _http.SendAsync(request);
        var byFormat = await _http.GetStringAsync(new Uri("reports/waste?month=2026-11&by=month&format=csv", UriKind.Relative));

        Assert.Equal("text/csv", byHeader.Content.Headers.ContentType?.MediaType);
        Assert.Contains("filename=\"waste_2026-11-01_2026-12-01.csv\"", byHeader.Content.Headers.ContentDisposition?.ToString() ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(byFormat, await byHeader.Content.ReadAsStringAsync());
        CsvAssert.WasteMatchesSeed(_database.Seed, "2026-11", byFormat);
    }

    [Fact]
    public async Task Bad_parameters_get_400_naming_each_of_them()
    {
        using var response = await _http.GetAsync(new Uri("reports/waste?month=2026-13&by=year&form=2026-11-01", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Contains("month '2026-13' is not a month like 2026-11", error, StringComparison.Ordinal);
        Assert.Contains("by 'year' must be day, week or month", error, StringComparison.Ordinal);
        Assert.Contains("unknown parameter 'form'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sensor_history_of_a_value_two_kinds_share_asks_for_the_kind()
    {
        using var response = await _http.GetAsync(new Uri($"reports/sensors/history?site={ReportSeed.Park}&sensor=env-1&field=temperature_c&from=2026-11-01&to=2026-11-04", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("add kind=", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_air_quality_report_names_the_regulation_and_gives_the_category_legend()
    {
        var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri($"reports/air-quality?site={ReportSeed.Park}&from=2026-11-01&to=2026-11-04", UriKind.Relative))).RootElement;

        Assert.Contains("P.14/MENLHK/SETJEN/KUM.1/7/2020", json.GetProperty("regulation").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Baik", "Sedang", "Tidak Sehat", "Sangat Tidak Sehat", "Berbahaya"], json.GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(3, json.GetProperty("days").GetArrayLength());
    }

    [Fact]
    public async Task The_status_says_where_reports_read_from_and_that_the_roll_ups_are_set_up()
    {
        await _ingest.Service<RollupStatus>().WhenReady.WaitAsync(IngestWaits.Patience);

        var json = JsonDocument.Parse(await _http.GetStringAsync(new Uri("reports/status", UriKind.Relative))).RootElement;

        Assert.Equal((_database.Name, "managed", "ready"), (json.GetProperty("database").GetString(), json.GetProperty("rollups").GetString(), json.GetProperty("rollup_setup").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("raw_retention_days").ValueKind);
    }

    [Fact]
    public async Task When_influxdb_cannot_be_reached_the_answer_is_503_with_the_reason()
    {
        await using var cutOff = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
            ["InfluxDb:Database"] = _database.Name,
        });
        using var http = new HttpClient { BaseAddress = cutOff.HttpAddress };

        using var response = await http.GetAsync(new Uri("reports/waste?month=2026-11", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("could not be reached", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
