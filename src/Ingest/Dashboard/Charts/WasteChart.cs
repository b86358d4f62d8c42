using System.Globalization;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>What a waste chart stacks: kilograms or rupiah.</summary>
public enum WasteMeasure
{
    Mass,
    Value,
}

/// <summary>
/// Stacked bars from a waste report: one bar per period of <see cref="WasteReport.Periods"/> (empty periods keep their
/// place), one segment per category, categories stacked in name order from the bottom and listed in that order in the
/// legend. Figures are net of voided deposits, as the report gives them; banks are added together (a report asked for
/// one bank shows that bank).
/// </summary>
public static class WasteChart
{
    private const double Width = 760;
    private const double Height = 380;
    private const double Left = 76;
    private const double Right = Width - 16;
    private const double Top = 48;
    private const double Bottom = Height - 84;

    public static string Build(WasteReport report, WasteMeasure measure, string id = "waste")
    {
        ArgumentNullException.ThrowIfNull(report);
        var categories = report.Rows.Select(r => r.Category).Distinct().Order(StringComparer.Ordinal).ToList();
        var cells = report.Rows
            .GroupBy(r => (r.Period, r.Category))
            .ToDictionary(g => g.Key, g => measure == WasteMeasure.Mass ? (double)g.Sum(r => r.MassKg) : g.Sum(r => r.ValueIdr));
        var periods = report.Periods;
        var totals = periods.Select(p => categories.Sum(c => cells.GetValueOrDefault((p.Period, c)))).ToList();
        var scale = AxisScale.Covering(0, totals.Count == 0 ? 0 : totals.Max());
        var isEmpty = totals.All(t => t <= 0);

        var (titleId, titleEn) = measure == WasteMeasure.Mass
            ? ("Sampah terkumpul per kategori (kg)", "Waste collected per category (kg)")
            : ("Nilai sampah per kategori (rupiah)", "Value of waste per category (rupiah)");
        var title = $"{titleId} · {titleEn}";
        var svg = new SvgWriter();
        svg.Start("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", $"0 0 {Width} {Height}"), ("width", Width), ("height", Height),
            ("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"), ("class", "chart waste-chart"), ("data-measure", measure == WasteMeasure.Mass ? "kg" : "idr"),
            ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"), ("font-size", 12));
        svg.Text("title", title, ("id", $"{id}-title"));
        svg.Text("desc", Describe(report, measure, categories, totals), ("id", $"{id}-desc"));
        svg.Empty("rect", ("x", 0), ("y", 0), ("width", Width), ("height", Height), ("fill", "#ffffff"));
        svg.Text("text", titleId, ("x", Left), ("y", 20), ("font-size", 15), ("font-weight", "600"), ("fill", "#1a1a1a"));
        svg.Text("text", titleEn, ("x", Left), ("y", 36), ("font-size", 11), ("fill", "#555555"));

        DrawValueAxis(svg, scale, measure);
        var band = periods.Count == 0 ? 0 : (Right - Left) / periods.Count;
        var barWidth = Math.Min(56, band * 0.7);
        for (var i = 0; i < periods.Count; i++)
        {
            var period = periods[i];
            var centre = Left + (band * (i + 0.5));
            var baseline = 0.0;
            svg.Start("g", ("class", "bar"), ("data-period", period.Period), ("data-total", SvgWriter.Figure(totals[i])));
            for (var c = 0; c < categories.Count; c++)
            {
                var value = cells.GetValueOrDefault((period.Period, categories[c]));
                if (value <= 0)
                {
                    continue;
                }

                var yTop = scale.Map(baseline + value, Bottom, Top);
                var yBottom = scale.Map(baseline, Bottom, Top);
                svg.Start("rect", ("class", "segment"), ("data-category", categories[c]), ("data-value", SvgWriter.Figure(value)),
                    ("x", centre - (barWidth / 2)), ("y", yTop), ("width", barWidth), ("height", Math.Max(0, yBottom - yTop)),
                    ("fill", ChartPalette.Category(c)), ("stroke", "#ffffff"), ("stroke-width", 0.5));
                svg.Text("title", $"{period.Period} · {categories[c]}: {Format(value, measure)}");
                svg.End("rect");
                baseline += value;
            }

            if (totals[i] > 0)
            {
                svg.Text("text", Short(totals[i], measure), ("class", "total"), ("x", centre), ("y", scale.Map(totals[i], Bottom, Top) - 4),
                    ("text-anchor", "middle"), ("font-size", 10), ("fill", "#333333"));
            }

            svg.End("g");
            var start = period.PeriodStart;
            var label = report.By == "month" ? IndonesianFormat.MonthShort(start.Month) : period.Period;
            svg.Text("text", label, ("x", centre), ("y", Bottom + 16), ("text-anchor", "middle"), ("fill", "#333333"), ("font-size", report.By == "month" ? 12 : 9));
            if (report.By == "month" && (i == 0 || start.Month == 1))
            {
                svg.Text("text", start.Year.ToString(CultureInfo.InvariantCulture), ("x", centre), ("y", Bottom + 30), ("text-anchor", "middle"), ("fill", "#555555"), ("font-size", 11));
            }
        }

        svg.Empty("line", ("x1", Left), ("x2", Right), ("y1", Bottom), ("y2", Bottom), ("stroke", "#333333"));
        if (isEmpty)
        {
            svg.Text("text", "Tidak ada setoran · No deposits", ("class", "no-data"), ("x", (Left + Right) / 2), ("y", (Top + Bottom) / 2),
                ("text-anchor", "middle"), ("font-size", 16), ("fill", "#555555"));
        }

        DrawLegend(svg, categories);
        svg.End("svg");
        return svg.ToString();
    }

    private static void DrawValueAxis(SvgWriter svg, AxisScale scale, WasteMeasure measure)
    {
        foreach (var tick in scale.Ticks)
        {
            var y = scale.Map(tick, Bottom, Top);
            svg.Empty("line", ("x1", Left), ("x2", Right), ("y1", y), ("y2", y), ("stroke", "#d9d9d9"), ("stroke-width", 1));
            svg.Text("text", Short(tick, measure), ("x", Left - 8), ("y", y + 4), ("text-anchor", "end"), ("fill", "#333333"), ("font-size", 11));
        }

        svg.Text("text", measure == WasteMeasure.Mass ? "kg" : "Rp", ("x", Left - 8), ("y", Top - 8), ("text-anchor", "end"), ("fill", "#333333"), ("font-weight", "600"));
    }

    private static void DrawLegend(SvgWriter svg, List<string> categories)
    {
        var x = Left;
        var y = Height - 22;
        svg.Start("g", ("class", "legend"));
        for (var c = 0; c < categories.Count; c++)
        {
            var width = 22 + (categories[c].Length * 7);
            if (x + width > Right)
            {
                x = Left;
                y += 16;
            }

            svg.Empty("rect", ("x", x), ("y", y - 10), ("width", 12), ("height", 12), ("fill", ChartPalette.Category(c)));
            svg.Text("text", categories[c], ("x", x + 16), ("y", y), ("fill", "#1a1a1a"));
            x += width + 12;
        }

        svg.End("g");
    }

    private static string Describe(WasteReport report, WasteMeasure measure, List<string> categories, List<double> totals)
    {
        var unit = measure == WasteMeasure.Mass ? "kilograms" : "rupiah";
        var bars = string.Join("; ", report.Periods.Select((p, i) => $"{p.Period}: {Format(totals[i], measure)}"));
        var stack = categories.Count == 0 ? "no categories" : string.Join(", ", categories);
        return $"Stacked bars of {unit} per {report.By}, net of voided deposits, from {report.From:yyyy-MM-dd} to {report.To:yyyy-MM-dd} (WIB). Categories from the bottom: {stack}. Totals: {bars}.";
    }

    private static string Format(double value, WasteMeasure measure) =>
        measure == WasteMeasure.Mass ? IndonesianFormat.Number(value, 3) + " kg" : IndonesianFormat.Rupiah((long)Math.Round(value));

    private static string Short(double value, WasteMeasure measure) =>
        measure == WasteMeasure.Mass ? IndonesianFormat.Number(value, value < 10 ? 1 : 0) : IndonesianFormat.Abbreviated(value);
}
