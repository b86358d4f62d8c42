using System.Xml.Linq;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Dashboard;
using Pontive.Iot.Ingest.Dashboard.Devices;
using Pontive.Iot.Ingest.Dashboard.Page;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>The page from report objects: bank tables with the report's figures, the device table, what happens when a report fails.</summary>
public sealed class DashboardPageTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 21, 0, 0, Wib.Offset);
    private static readonly DashboardRequest November = DashboardRequest.From(new Dictionary<string, string> { ["month"] = "2026-11" }, Now);

    [Fact]
    public void A_bank_table_has_a_row_per_category_and_a_total_counting_members_once()
    {
        var at = new DateTimeOffset(2026, 11, 10, 9, 0, 0, Wib.Offset);
        DepositRecord[] deposits =
        [
            new(at, "bank-a", "paper", "D1", "A-1", 1234.5m, 1_481_400),
            new(at.AddHours(1), "bank-a", "cardboard", "D2", "A-1", 2m, 3000),
            new(at.AddHours(2), "bank-a", "cardboard", "D3", "A-2", 3m, 4500),
        ];
        var waste = WasteCalculator.Calculate(new WasteRequest(November.ChartRange, PeriodKind.Month, null, null), deposits,
            [new VoidRecord(at.AddHours(2), "bank-a", "cardboard", "D3", "V1", 3m, 4500)]);

        var page = Parse(DashboardPage.Render(Model(waste: waste)));

        var table = page.Descendants("table").Single(t => (string?)t.Attribute("data-site") == "bank-a");
        Assert.Equal(("1.234,5", "1", "1", "1.481.400", "—"), Figures(table, "paper"));
        Assert.Equal(("2", "1", "1", "3.000", "1 (3 kg)"), Figures(table, "cardboard"));
        // A-1 deposited both categories: one member at the bank; A-2's only deposit was voided.
        Assert.Equal(("1.236,5", "2", "1", "1.484.400", "1 (3 kg)"), Figures(table, "total"));
    }

    [Fact]
    public void Silent_devices_are_marked_in_words_and_listed_first_with_their_outbox()
    {
        var completeness = new CompletenessReport("completeness", November.Range.From, November.Range.To, Wib.Description, "raw", 3600, Now, Partial: true,
        [
            Device("park-01", silent: false),
            Device("park-02", silent: true),
        ]);

        var page = Parse(DashboardPage.Render(Model(completeness: completeness, outboxes: [new DeviceOutbox("park-a", "park-01", 12, 40, 3)])));

        var rows = page.Descendants("table").Single(t => (string?)t.Attribute("class") == "devices").Element("tbody")!.Elements("tr").ToList();
        Assert.Equal(["park-02", "park-01"], rows.Select(r => (string?)r.Attribute("data-device")));
        Assert.Equal("silent", (string?)rows[0].Attribute("class"));
        Assert.Contains("DIAM", Cell(rows[0], "state"), StringComparison.Ordinal);
        Assert.Contains("AKTIF", Cell(rows[1], "state"), StringComparison.Ordinal);
        Assert.Equal(("12", "3"), (Cell(rows[1], "outbox_depth"), Cell(rows[1], "outbox_dropped")));
        Assert.Equal("—", Cell(rows[0], "outbox_depth"));
    }

    [Fact]
    public void A_report_that_failed_is_named_and_the_other_sections_are_still_shown()
    {
        var model = Model(waste: null) with { Waste = new Section<WasteReport>(null, "InfluxDB at http://influx:8086 could not be reached") };

        var html = DashboardPage.Render(model);

        Assert.Contains("could not be reached", html, StringComparison.Ordinal);
        Assert.Contains("id=\"perangkat\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_from_the_data_is_escaped()
    {
        var completeness = new CompletenessReport("completeness", November.Range.From, November.Range.To, Wib.Description, "raw", 3600, Now, Partial: true,
            [Device("<script>alert(1)</script>", silent: true)]);

        var html = DashboardPage.Render(Model(completeness: completeness));

        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_loads_nothing_from_elsewhere()
    {
        var html = DashboardPage.Render(Model());

        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_month_that_is_not_a_month_is_named_and_the_current_month_shown()
    {
        var request = DashboardRequest.From(new Dictionary<string, string> { ["month"] = "2026-13" }, Now);

        Assert.Equal("2026-11", request.MonthText);
        Assert.Contains("'2026-13'", Assert.Single(request.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sensor_asked_for_is_chosen_else_an_air_quality_sensor_with_its_pm25_over_days()
    {
        SensorChoice[] sensors =
        [
            new("park-a", "env-1", SensorKinds.Environment),
            new("park-b", "aq-1", SensorKinds.AirQuality),
            new("park-b", "soil-1", SensorKinds.Soil),
        ];

        var byDefault = DashboardLoader.Select(November, sensors)!;
        var asked = DashboardLoader.Select(DashboardRequest.From(new Dictionary<string, string> { ["sensor"] = "park-b/soil-1", ["field"] = "pm25_ugm3" }, Now), sensors)!;

        Assert.Equal(("park-b", "aq-1", "pm25_ugm3", "1d"), (byDefault.Choice.Site, byDefault.Choice.Sensor, byDefault.Field, byDefault.Window));
        // pm25_ugm3 is not a soil value: the soil sensor's usual value instead, over six hours.
        Assert.Equal(("park-b", "soil-1", "moisture_pct", "6h"), (asked.Choice.Site, asked.Choice.Sensor, asked.Field, asked.Window));
    }

    private static DashboardModel Model(WasteReport? waste = null, CompletenessReport? completeness = null, IReadOnlyList<DeviceOutbox>? outboxes = null, SensorHistoryReport? history = null)
    {
        waste ??= WasteCalculator.Calculate(new WasteRequest(November.ChartRange, PeriodKind.Month, null, null), [], []);
        completeness ??= new CompletenessReport("completeness", November.Range.From, November.Range.To, Wib.Description, "raw", 3600, Now, Partial: true, []);
        return new DashboardModel(November, Now, new(waste, null), new(completeness, null), new(outboxes ?? [], null), [], null,
            history is null ? null : new(history, null));
    }

    private static DeviceCompleteness Device(string device, bool silent) =>
        new("park-a", device, Now.AddHours(silent ? -30 : 0), silent, silent ? 30 * 3600 : 60, "online", Now.AddHours(-1), 100, 2, 1, 102,
            [new SensorCompleteness("aq-1", "air_quality", 100, 120, 60, "observed", 83.3, Now)]);

    private static XElement Parse(string html)
    {
        // The page is HTML5, not XML: read only its <main>, whose markup this renderer writes well-formed.
        var start = html.IndexOf("<main>", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal) + "</main>".Length;
        var main = html[start..end].Replace("<br>", "<br/>", StringComparison.Ordinal).Replace(" selected>", " selected=\"selected\">", StringComparison.Ordinal);
        return XElement.Parse(System.Text.RegularExpressions.Regex.Replace(main, "<svg .*?</svg>", "<svg/>", System.Text.RegularExpressions.RegexOptions.Singleline));
    }

    private static (string, string, string, string, string) Figures(XElement table, string category)
    {
        var row = table.Descendants("tr").Single(r => (string?)r.Attribute("data-category") == category);
        return (Cell(row, "mass_kg"), Cell(row, "deposits"), Cell(row, "members"), Cell(row, "value_idr"), Cell(row, "voided"));
    }

    private static string Cell(XElement row, string figure) => row.Elements("td").Single(c => (string?)c.Attribute("data-figure") == figure).Value;
}
