using System.Net;
using System.Xml.Linq;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Reports;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Dashboard;

/// <summary>The dashboard's charts on their own, as SVG files an analyst can put in a document; errors as SVG with the status.</summary>
[Collection(RealServers.Collection)]
public sealed class DashboardChartEndpointTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
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
    public async Task The_waste_chart_of_one_bank_in_rupiah_is_an_svg_with_that_banks_figures()
    {
        using var response = await _http.GetAsync(new Uri($"dashboard/charts/waste.svg?from=2026-10-01&to=2026-12-01&site={ReportSeed.BankB}&measure=idr", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        var svg = XElement.Parse(await response.Content.ReadAsStringAsync());
        var november = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("data-period") == "2026-11");
        var expected = Waste(_database.Seed, _database.Seed.Deposits.Where(d => d.Site == ReportSeed.BankB && MonthOf(d.Time) == "2026-11")).ValueIdr;
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)november.Attribute("data-total"));
        Assert.Equal(2, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "bar"));
    }

    [Fact]
    public async Task A_bad_parameter_gets_400_and_an_svg_that_says_which()
    {
        using var response = await _http.GetAsync(new Uri($"dashboard/charts/sensor.svg?site={ReportSeed.Park}&sensor=aq-1&field=pm25_ugm3&month=2026-13", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("month '2026-13'", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_that_is_not_a_month_still_gives_a_page_naming_it_with_400()
    {
        using var response = await _http.GetAsync(new Uri("dashboard?month=november", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Bulan 'november' tidak dikenal", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }
}
