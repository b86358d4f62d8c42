using System.Globalization;
using Microsoft.Playwright;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Reports;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Dashboard;

/// <summary>
/// The dashboard in a real browser (Debian's headless Chromium through Playwright), served by the real Ingest from a
/// real InfluxDB holding the reports' known data set, with its roll-ups backfilled: the bank tables show the seed's
/// figures, the charts are drawn, silent devices are marked. Screenshots go to
/// artifacts/test-results/screenshots/dashboard/ for a person to look at.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class DashboardBrowserTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Month = "2026-11";
    private static readonly NumberFormatInfo Indonesian = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = "." };

    private ReportsDatabase _database = null!;
    private IngestUnderTest _ingest = null!;
    private DebianChromium _chromium = null!;
    private IPage _page = null!;

    private ReportSeed Seed => _database.Seed;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        _database = await ReportsDatabase.SeedAsync(servers, new ReportSeed());
        // The seed's statuses carry no outbox; park-01's last one here does.
        using (var writer = new InfluxV1Writer(servers.InfluxDbUrl))
        {
            var time = new DateTimeOffset(2026, 11, 3, 23, 30, 30, ReportSeed.Wib).ToUnixTimeMilliseconds();
            await writer.WriteAsync(_database.Name,
                $"device_status,device=park-01,site={ReportSeed.Park} state=\"online\",uptime_s=7200i,outbox_depth=12i,outbox_oldest_s=40i,outbox_dropped=3i {time}\n");
        }

        _ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database.Name,
        });
        // The test servers run no continuous queries: the roll-ups a month's charts read are filled by a backfill.
        await _ingest.Service<RollupStatus>().WhenReady.WaitAsync(IngestWaits.Patience);
        await _ingest.Service<RollupBackfill>().RunAsync(new TimeRange(ReportSeed.ParkStart, ReportSeed.ParkEnd), TimeSpan.FromDays(7), null, CancellationToken.None);

        _chromium = await DebianChromium.LaunchAsync();
        _page = await _chromium.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 1000 } });
    }

    public async Task DisposeAsync()
    {
        await _chromium.DisposeAsync();
        await _ingest.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task The_bank_tables_show_each_banks_month_net_of_voided_deposits()
    {
        await OpenAsync($"dashboard?month={Month}");

        var november = Seed.Deposits.Where(d => MonthOf(d.Time) == Month).ToList();
        foreach (var bank in new[] { ReportSeed.BankA, ReportSeed.BankB })
        {
            var table = _page.Locator($"table.bank[data-site='{bank}']");
            foreach (var category in november.Where(d => d.Site == bank).Select(d => d.Category).Distinct())
            {
                var expected = Waste(Seed, november.Where(d => d.Site == bank && d.Category == category));
                await ExpectFiguresAsync(table.Locator($"tr[data-category='{category}']"), expected);
            }

            await ExpectFiguresAsync(table.Locator("tr[data-category='total']"), Waste(Seed, november.Where(d => d.Site == bank)));
        }

        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("november.png"), FullPage = true });
    }

    [Fact]
    public async Task The_waste_charts_stack_a_bar_segment_per_month_and_category_with_deposits()
    {
        await OpenAsync($"dashboard?month={Month}");

        // December 2025 to November 2026: the seed's October and November, each category with deposits left after voids.
        var cells = Seed.Deposits
            .Where(d => !Seed.IsVoided(d) && string.CompareOrdinal(MonthOf(d.Time), "2025-12") >= 0 && string.CompareOrdinal(MonthOf(d.Time), Month) <= 0)
            .Select(d => (MonthOf(d.Time), d.Category)).Distinct().Count();
        foreach (var measure in new[] { "kg", "idr" })
        {
            var chart = _page.Locator($"svg.waste-chart[data-measure='{measure}']");
            await Assertions.Expect(chart.Locator("g.bar")).ToHaveCountAsync(12);
            await Assertions.Expect(chart.Locator("rect.segment")).ToHaveCountAsync(cells);
            await Assertions.Expect(chart.Locator("g.bar[data-period='2026-11'] text.total")).ToBeVisibleAsync();
        }

        var kgTotal = Waste(Seed, Seed.Deposits.Where(d => MonthOf(d.Time) == Month)).MassKg;
        var drawn = await _page.Locator("svg.waste-chart[data-measure='kg'] g.bar[data-period='2026-11']").GetAttributeAsync("data-total");
        Assert.Equal((double)kgTotal, double.Parse(drawn!, CultureInfo.InvariantCulture), 3);
    }

    [Fact]
    public async Task The_air_quality_chart_draws_daily_means_over_the_ispu_bands_from_the_daily_roll_up()
    {
        await OpenAsync($"dashboard?month={Month}");

        var chart = _page.Locator("svg.sensor-chart[data-field='pm25_ugm3']");
        await Assertions.Expect(chart.Locator("g.series[data-device='park-01']")).ToHaveAttributeAsync("data-points", "3");
        await Assertions.Expect(chart.Locator("path.mean")).ToHaveCountAsync(1);
        // The seed's PM2.5 reaches 154.5 µg/m³: into Sangat Tidak Sehat (from 150.5), not Berbahaya (from 250.5).
        await Assertions.Expect(chart.Locator("rect.ispu-band[data-category='sangat_tidak_sehat']")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.Locator("rect.ispu-band[data-category='berbahaya']")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#taman figcaption")).ToContainTextAsync("rollup_1d");
    }

    [Fact]
    public async Task Choosing_another_sensor_in_the_form_draws_it_without_ispu_bands_even_without_javascript()
    {
        await using var noScript = await _chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = false,
            ViewportSize = new ViewportSize { Width = 1440, Height = 1000 },
        });
        var page = await noScript.NewPageAsync();
        await page.GotoAsync(new Uri(_ingest.HttpAddress, $"dashboard?month={Month}").ToString());

        await page.Locator("#sensor").SelectOptionAsync($"{ReportSeed.Park}/env-1");
        await page.Locator("#window").SelectOptionAsync("6h");
        await page.Locator("#taman button[type='submit']").ClickAsync();

        var chart = page.Locator("svg.sensor-chart[data-field='temperature_c']");
        // Three days of six-hour windows, from the hourly roll-up.
        await Assertions.Expect(chart.Locator("g.series[data-device='park-01']")).ToHaveAttributeAsync("data-points", "12");
        await Assertions.Expect(chart.Locator("rect.ispu-band")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#taman figcaption")).ToContainTextAsync("rollup_1h");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("temperature.png"), FullPage = true });
    }

    [Fact]
    public async Task The_device_table_marks_silent_devices_and_shows_outbox_and_lost_messages()
    {
        await OpenAsync($"dashboard?month={Month}");

        var park01 = _page.Locator("table.devices tr[data-device='park-01']");
        await Assertions.Expect(park01).ToHaveClassAsync("silent");
        await Assertions.Expect(park01.Locator("[data-figure='outbox_depth']")).ToHaveTextAsync("12");
        await Assertions.Expect(park01.Locator("[data-figure='outbox_dropped']")).ToHaveTextAsync("3");
        var lost = (long)(ReportSeed.LostTo - ReportSeed.LostFrom).TotalMinutes;
        await Assertions.Expect(park01.Locator("[data-figure='missing_messages']")).ToHaveTextAsync(lost.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(park01.Locator("[data-figure='state']")).ToContainTextAsync("DIAM");
        // Every park device of the seed went quiet in early November (or October): all three are silent.
        await Assertions.Expect(_page.Locator("table.devices tr.silent")).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task The_printed_page_leaves_out_the_controls()
    {
        await OpenAsync($"dashboard?month={Month}");
        await _page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await Assertions.Expect(_page.Locator("form#controls")).ToBeHiddenAsync();
        await Assertions.Expect(_page.Locator("svg.waste-chart").First).ToBeVisibleAsync();
        await _page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("print.png"), FullPage = true });
    }

    private async Task OpenAsync(string path)
    {
        var response = await _page.GotoAsync(new Uri(_ingest.HttpAddress, path).ToString());
        Assert.Equal(200, response?.Status);
        await Assertions.Expect(_page.Locator("h1")).ToContainTextAsync("Dasbor");
    }

    private static async Task ExpectFiguresAsync(ILocator row, WasteFigures expected)
    {
        await Assertions.Expect(row.Locator("[data-figure='mass_kg']")).ToHaveTextAsync(expected.MassKg.ToString("#,0.###", Indonesian));
        await Assertions.Expect(row.Locator("[data-figure='deposits']")).ToHaveTextAsync(expected.Deposits.ToString("#,0", Indonesian));
        await Assertions.Expect(row.Locator("[data-figure='members']")).ToHaveTextAsync(expected.Members.ToString("#,0", Indonesian));
        await Assertions.Expect(row.Locator("[data-figure='value_idr']")).ToHaveTextAsync(expected.ValueIdr.ToString("#,0", Indonesian));
    }

    private static string Screenshot(string name) => Path.Combine(RepositoryRoot.Screenshots("dashboard"), name);
}
