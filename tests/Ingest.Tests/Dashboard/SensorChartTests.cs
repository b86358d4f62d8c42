using Pontive.Iot.Ingest.Dashboard.Charts;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Sensors;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>The sensor chart: a mean line with its min–max range, broken where windows are missing, ISPU bands for PM.</summary>
public sealed class SensorChartTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, Wib.Offset);

    [Fact]
    public void Pm25_gets_ispu_bands_up_to_the_top_of_the_axis_at_the_category_edges()
    {
        var chart = Draw("air_quality", "pm25_ugm3", "1d", Points(TimeSpan.FromDays(1), (20, 5, 60), (40, 10, 120)));

        var bands = chart.WithClass("ispu-band", "rect").ToList();
        // The axis reaches 125 (the data's 120 rounded up): Baik, Sedang and Tidak Sehat are in view; Sangat Tidak Sehat starts at 150.5.
        Assert.Equal(["baik", "sedang", "tidak_sehat"], bands.Select(b => b.Attribute("data-category")!.Value));
        Assert.Equal(["0", "15.6", "55.5"], bands.Select(b => b.Attribute("data-from")!.Value));
        // A band's top edge is its upper concentration on the axis: Sedang's top (55.5) lies above Baik's top (15.6).
        Assert.True(ChartSvg.Number(bands[1], "y") < ChartSvg.Number(bands[0], "y"));
        Assert.Equal(ChartSvg.Number(bands[0], "y"), ChartSvg.Number(bands[1], "y") + ChartSvg.Number(bands[1], "height"), 1);
    }

    [Fact]
    public void A_value_without_an_index_has_no_bands()
    {
        var chart = Draw("environment", "temperature_c", "6h", Points(TimeSpan.FromHours(6), (27, 25, 30)));

        Assert.Empty(chart.WithClass("ispu-band"));
    }

    [Fact]
    public void A_missing_window_breaks_the_line()
    {
        var window = TimeSpan.FromHours(6);
        SensorPoint[] points =
        [
            new(Start, 27, 25, 29, 360, null, null),
            new(Start + window, 28, 26, 30, 360, null, null),
            // Start + 2 windows: no samples.
            new(Start + (3 * window), 26, 25, 27, 360, null, null),
        ];

        var chart = Draw("environment", "temperature_c", "6h", points);

        Assert.Equal(2, chart.WithClass("mean", "path").Count());
        Assert.Equal(2, chart.WithClass("range", "path").Count());
        Assert.Equal("3", chart.WithClass("series").Single().Attribute("data-points")!.Value);
    }

    [Fact]
    public void Each_device_is_its_own_series_in_the_legend()
    {
        var report = Report("soil", "moisture_pct", "1d",
            new SensorSeries("park-01", Points(TimeSpan.FromDays(1), (40, 35, 45))),
            new SensorSeries("park-02", Points(TimeSpan.FromDays(1), (30, 28, 33))));

        var chart = new ChartSvg(SensorChart.Build(report));

        Assert.Equal(["park-01", "park-02"], chart.WithClass("series").Select(s => s.Attribute("data-device")!.Value));
        Assert.Contains("park-02: rata-rata (mean)", chart.WithClass("legend").Single().Value, StringComparison.Ordinal);
    }

    [Fact]
    public void The_mean_line_sits_between_its_min_and_max()
    {
        var chart = Draw("environment", "temperature_c", "6h", Points(TimeSpan.FromHours(6), (27, 20, 30)));

        var point = chart.WithClass("point", "circle").Single();
        var range = chart.WithClass("range", "path").Single().Attribute("d")!.Value;
        var ys = range.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => p != "Z").Select(p => double.Parse(p[1..].Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var y = ChartSvg.Number(point, "cy");
        Assert.InRange(y, ys.Min(), ys.Max());
    }

    [Fact]
    public void A_window_not_over_yet_is_a_hollow_marker_with_a_note_even_where_other_markers_are_left_out()
    {
        var window = TimeSpan.FromHours(1);
        var points = Enumerable.Range(0, 100).Select(i => new SensorPoint(Start + (i * window), 27, 25, 29, 60, null, null, Partial: i == 99)).ToList();

        var chart = Draw("environment", "temperature_c", "1h", points);

        var partial = chart.WithClass("point", "circle").Single();
        Assert.Contains("partial", partial.Attribute("class")!.Value, StringComparison.Ordinal);
        Assert.Equal("#ffffff", partial.Attribute("fill")!.Value);
        Assert.Contains("sementara", partial.Value, StringComparison.Ordinal);
        Assert.Contains("sementara (partial)", chart.WithClass("partial-note").Single().Value, StringComparison.Ordinal);
        Assert.Contains("not over yet", chart.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void No_data_is_said_in_words_and_the_chart_still_has_axes()
    {
        var chart = new ChartSvg(SensorChart.Build(Report("air_quality", "pm10_ugm3", "1d")));

        Assert.Contains("Tidak ada data", chart.WithClass("no-data").Single().Value, StringComparison.Ordinal);
        Assert.Empty(chart.WithClass("series"));
        Assert.Contains("no data", chart.Description, StringComparison.Ordinal);
        // Bands are drawn for the empty axis too, so the reader sees where the categories would be.
        Assert.NotEmpty(chart.WithClass("ispu-band"));
    }

    private static ChartSvg Draw(string kind, string field, string window, IReadOnlyList<SensorPoint> points) =>
        new(SensorChart.Build(Report(kind, field, window, new SensorSeries("park-01", points))));

    private static SensorHistoryReport Report(string kind, string field, string window, params SensorSeries[] series) =>
        new("sensor_history", Start, Start.AddDays(7), Wib.Description, "park-alun-kapuas", "s-1", kind, field, Pontive.Iot.Ingest.Reports.ReportSchema.UnitOf(field), window, "raw", series);

    private static List<SensorPoint> Points(TimeSpan window, params (double Mean, double Min, double Max)[] values) =>
        [.. values.Select((v, i) => new SensorPoint(Start + (i * window), v.Mean, v.Min, v.Max, 60, null, null))];
}
