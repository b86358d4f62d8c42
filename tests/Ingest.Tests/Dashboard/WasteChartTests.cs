using Pontive.Iot.Ingest.Dashboard.Charts;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>Stacked bars from the waste report: heights in proportion, categories in a fixed order, an empty range still drawn.</summary>
public sealed class WasteChartTests
{
    private static readonly WasteRequest FourMonths = new(new TimeRange(new DateTimeOffset(2026, 8, 1, 0, 0, 0, Wib.Offset), new DateTimeOffset(2026, 12, 1, 0, 0, 0, Wib.Offset)), PeriodKind.Month, null, null);

    [Fact]
    public void Bar_segments_are_in_proportion_to_their_kilograms()
    {
        var chart = Draw(WasteMeasure.Mass,
            Deposit(2026, 10, "paper", 10m),
            Deposit(2026, 11, "paper", 20m),
            Deposit(2026, 11, "cardboard", 5m));

        var paperOctober = Segment(chart, "2026-10", "paper");
        var paperNovember = Segment(chart, "2026-11", "paper");
        var cardboardNovember = Segment(chart, "2026-11", "cardboard");
        Assert.Equal(2.0, Height(paperNovember) / Height(paperOctober), 2);
        Assert.Equal(4.0, Height(paperNovember) / Height(cardboardNovember), 2);
        Assert.Equal("20", paperNovember.Attribute("data-value")!.Value);
    }

    [Fact]
    public void Categories_stack_in_name_order_from_the_bottom_and_the_legend_lists_them_so()
    {
        var chart = Draw(WasteMeasure.Mass, Deposit(2026, 11, "plastic-pet", 3m), Deposit(2026, 11, "cardboard", 5m), Deposit(2026, 11, "paper", 2m));

        var segments = chart.WithClass("segment", "rect").ToList();
        Assert.Equal(["cardboard", "paper", "plastic-pet"], segments.Select(s => s.Attribute("data-category")!.Value));
        // Each segment sits on the one before: its bottom edge is the previous one's top edge.
        for (var i = 1; i < segments.Count; i++)
        {
            Assert.Equal(ChartSvg.Number(segments[i - 1], "y"), ChartSvg.Number(segments[i], "y") + Height(segments[i]), 1);
        }

        Assert.Equal(["cardboard", "paper", "plastic-pet"], chart.WithClass("legend").Single().Elements().Where(e => e.Name.LocalName == "text").Select(t => t.Value));
    }

    [Fact]
    public void Every_period_of_the_range_has_a_bar_and_empty_ones_have_no_segments()
    {
        var chart = Draw(WasteMeasure.Mass, Deposit(2026, 11, "paper", 1m));

        Assert.Equal(["2026-08", "2026-09", "2026-10", "2026-11"], chart.WithClass("bar").Select(b => b.Attribute("data-period")!.Value));
        Assert.Single(chart.WithClass("segment"));
    }

    [Fact]
    public void Voided_deposits_are_not_drawn()
    {
        var kept = Deposit(2026, 11, "paper", 4m);
        var voided = Deposit(2026, 11, "paper", 6m, id: "D-VOID");
        var report = WasteCalculator.Calculate(FourMonths, [kept, voided], [new VoidRecord(voided.Time, voided.Site, voided.Category, "D-VOID", "V1", 6m, 7200)]);

        var chart = new ChartSvg(WasteChart.Build(report, WasteMeasure.Mass));

        Assert.Equal("4", Segment(chart, "2026-11", "paper").Attribute("data-value")!.Value);
    }

    [Fact]
    public void The_value_chart_stacks_rupiah_and_labels_its_axis_rp()
    {
        var chart = Draw(WasteMeasure.Value, Deposit(2026, 11, "paper", 2m));

        Assert.Equal("2400", Segment(chart, "2026-11", "paper").Attribute("data-value")!.Value);
        Assert.Contains(chart.Root.Descendants().Where(e => e.Name.LocalName == "text"), t => t.Value == "Rp");
        Assert.Contains("rupiah", chart.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_without_deposits_is_drawn_with_a_no_data_message()
    {
        var chart = new ChartSvg(WasteChart.Build(WasteCalculator.Calculate(FourMonths, [], []), WasteMeasure.Mass));

        Assert.Empty(chart.WithClass("segment"));
        Assert.Equal(4, chart.WithClass("bar").Count());
        Assert.Contains("Tidak ada setoran", chart.WithClass("no-data").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_svg_has_a_title_and_a_description_for_screen_readers()
    {
        var chart = Draw(WasteMeasure.Mass, Deposit(2026, 11, "paper", 1.5m));

        Assert.Equal("img", chart.Root.Attribute("role")!.Value);
        Assert.Equal("waste-title waste-desc", chart.Root.Attribute("aria-labelledby")!.Value);
        Assert.Contains("kg", chart.Title, StringComparison.Ordinal);
        Assert.Contains("2026-11: 1,5 kg", chart.Description, StringComparison.Ordinal);
    }

    private static ChartSvg Draw(WasteMeasure measure, params DepositRecord[] deposits) =>
        new(WasteChart.Build(WasteCalculator.Calculate(FourMonths, deposits, []), measure));

    private static DepositRecord Deposit(int year, int month, string category, decimal kg, string? id = null) =>
        new(new DateTimeOffset(year, month, 10, 9, 0, 0, Wib.Offset), "bank-a", category, id ?? Guid.NewGuid().ToString("N"), "A-1", kg, (long)(kg * 1200));

    private static System.Xml.Linq.XElement Segment(ChartSvg chart, string period, string category) =>
        chart.WithClass("bar").Single(b => b.Attribute("data-period")!.Value == period)
            .Elements().Single(e => e.Attribute("data-category")?.Value == category);

    private static double Height(System.Xml.Linq.XElement rect) => ChartSvg.Number(rect, "height");
}
