using System.Text;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Sensors;

namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>
/// A sensor history as a line of window means with the min–max range shaded around it, one per device. Windows without
/// samples are a gap in the line, as they are a gap in the data. For PM2.5 and PM10 the ISPU categories are drawn behind
/// as colour bands (<see cref="IspuBands"/>), each with its name.
/// </summary>
public static class SensorChart
{
    private const double Width = 760;
    private const double Height = 360;
    private const double Left = 64;
    private const double Right = Width - 124;
    private const double Top = 48;
    private const double Bottom = Height - 76;
    private const int MarkersUpTo = 62;

    public static string Build(SensorHistoryReport report, string id = "sensor")
    {
        ArgumentNullException.ThrowIfNull(report);
        var ispu = SensorHistoryQuery.IspuParameterOf(report.Field);
        var points = report.Series.SelectMany(s => s.Points).ToList();
        var isEmpty = points.Count == 0;
        var low = isEmpty ? 0 : points.Min(p => p.Min);
        var high = isEmpty ? 1 : points.Max(p => p.Max);
        var scale = AxisScale.Covering(ispu is null ? low : Math.Min(0, low), high);
        var from = report.From;
        var to = report.To;
        double X(DateTimeOffset time) => Left + ((time - from) / (to - from) * (Right - Left));
        double Y(double value) => scale.Map(value, Bottom, Top);

        var (nameId, nameEn) = FieldNames.Of(report.Kind, report.Field);
        var unit = string.IsNullOrEmpty(report.Unit) ? string.Empty : $" ({report.Unit})";
        var svg = new SvgWriter();
        svg.Start("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("viewBox", $"0 0 {Width} {Height}"), ("width", Width), ("height", Height),
            ("role", "img"), ("aria-labelledby", $"{id}-title {id}-desc"), ("class", "chart sensor-chart"), ("data-field", report.Field),
            ("font-family", "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"), ("font-size", 12));
        svg.Text("title", $"{nameId}{unit} · {nameEn} — {report.Sensor}, {report.Site}", ("id", $"{id}-title"));
        svg.Text("desc", Describe(report, ispu), ("id", $"{id}-desc"));
        svg.Empty("rect", ("x", 0), ("y", 0), ("width", Width), ("height", Height), ("fill", "#ffffff"));
        svg.Text("text", $"{nameId}{unit} — {report.Sensor}, {report.Site}", ("x", Left), ("y", 20), ("font-size", 15), ("font-weight", "600"), ("fill", "#1a1a1a"));
        svg.Text("text", $"{nameEn}; {WindowText(report.Window)}", ("x", Left), ("y", 36), ("font-size", 11), ("fill", "#555555"));

        if (ispu is { } parameter)
        {
            DrawIspuBands(svg, IspuBands.For(parameter), scale);
        }

        foreach (var tick in scale.Ticks)
        {
            svg.Empty("line", ("x1", Left), ("x2", Right), ("y1", Y(tick)), ("y2", Y(tick)), ("stroke", "#000000"), ("stroke-opacity", 0.12));
            svg.Text("text", IndonesianFormat.Number(tick, 2), ("x", Left - 8), ("y", Y(tick) + 4), ("text-anchor", "end"), ("fill", "#333333"), ("font-size", 11));
        }

        svg.Text("text", report.Unit, ("x", Left - 8), ("y", Top - 8), ("text-anchor", "end"), ("fill", "#333333"), ("font-weight", "600"));
        foreach (var tick in TimeAxis.Ticks(from, to))
        {
            svg.Empty("line", ("x1", X(tick)), ("x2", X(tick)), ("y1", Bottom), ("y2", Bottom + 5), ("stroke", "#333333"));
            svg.Text("text", TimeAxis.Label(tick), ("x", X(tick)), ("y", Bottom + 18), ("text-anchor", "middle"), ("fill", "#333333"), ("font-size", 11));
        }

        svg.Empty("line", ("x1", Left), ("x2", Right), ("y1", Bottom), ("y2", Bottom), ("stroke", "#333333"));
        svg.Empty("line", ("x1", Left), ("x2", Left), ("y1", Top), ("y2", Bottom), ("stroke", "#333333"));

        var window = AggregationWindow.Parse(report.Window, out _)?.Length ?? TimeSpan.FromHours(1);
        for (var s = 0; s < report.Series.Count; s++)
        {
            DrawSeries(svg, report.Series[s], ChartPalette.Line(s), window, X, Y, points.Count <= MarkersUpTo);
        }

        if (isEmpty)
        {
            svg.Text("text", "Tidak ada data pada periode ini · No data in this period", ("class", "no-data"), ("x", (Left + Right) / 2), ("y", (Top + Bottom) / 2),
                ("text-anchor", "middle"), ("font-size", 16), ("fill", "#333333"));
        }

        DrawLegend(svg, report, ispu is not null);
        svg.End("svg");
        return svg.ToString();
    }

    private static void DrawIspuBands(SvgWriter svg, IReadOnlyList<IspuBand> bands, AxisScale scale)
    {
        svg.Start("g", ("class", "ispu-bands"));
        foreach (var band in bands.Where(b => b.From < scale.Maximum))
        {
            var top = Math.Min(band.To ?? double.MaxValue, scale.Maximum);
            var yTop = scale.Map(top, Bottom, Top);
            var yBottom = scale.Map(Math.Max(band.From, scale.Minimum), Bottom, Top);
            svg.Start("rect", ("class", "ispu-band"), ("data-category", band.Category.Code), ("data-from", band.From), ("data-to", band.To),
                ("x", Left), ("y", yTop), ("width", Right - Left), ("height", Math.Max(0, yBottom - yTop)),
                ("fill", band.Category.ColorHex), ("fill-opacity", 0.2));
            svg.Text("title", $"ISPU {band.Category.Name} ({band.Category.NameEn}): {IndonesianFormat.Number(band.From, 1)}{(band.To is { } t ? "–" + IndonesianFormat.Number(t, 1) : "+")} µg/m³");
            svg.End("rect");
            if (yBottom - yTop >= 12)
            {
                svg.Text("text", band.Category.Name, ("x", Right + 6), ("y", Math.Min(yBottom - 3, yTop + 13)), ("font-size", 10), ("fill", "#1a1a1a"));
            }
        }

        svg.End("g");
    }

    private static void DrawSeries(SvgWriter svg, SensorSeries series, string colour, TimeSpan window, Func<DateTimeOffset, double> x, Func<double, double> y, bool markers)
    {
        svg.Start("g", ("class", "series"), ("data-device", series.Device), ("data-points", series.Points.Count));
        foreach (var run in Runs(series.Points, window))
        {
            var range = new StringBuilder();
            foreach (var point in run)
            {
                range.Append(range.Length == 0 ? 'M' : 'L').Append(SvgWriter.Number(x(point.Time))).Append(',').Append(SvgWriter.Number(y(point.Max))).Append(' ');
            }

            foreach (var point in run.AsEnumerable().Reverse())
            {
                range.Append('L').Append(SvgWriter.Number(x(point.Time))).Append(',').Append(SvgWriter.Number(y(point.Min))).Append(' ');
            }

            svg.Empty("path", ("class", "range"), ("d", range.Append('Z').ToString()), ("fill", colour), ("fill-opacity", 0.22),
                ("stroke", colour), ("stroke-opacity", 0.4), ("stroke-width", run.Count == 1 ? 2 : 0.5));
            var mean = string.Join(' ', run.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{SvgWriter.Number(x(p.Time))},{SvgWriter.Number(y(p.Mean))}"));
            svg.Empty("path", ("d", mean), ("fill", "none"), ("stroke", "#ffffff"), ("stroke-width", 4), ("stroke-linejoin", "round"), ("stroke-opacity", 0.8));
            svg.Empty("path", ("class", "mean"), ("d", mean), ("fill", "none"), ("stroke", colour), ("stroke-width", 2), ("stroke-linejoin", "round"));
        }

        // A window not over yet (today) is a hollow marker, drawn even where the others are left out, so its lower count
        // and still-changing mean are not read as a full window's.
        foreach (var point in series.Points.Where(p => markers || p.Partial))
        {
            svg.Start("circle", ("class", point.Partial ? "point partial" : "point"), ("cx", x(point.Time)), ("cy", y(point.Mean)), ("r", 2.5),
                ("fill", point.Partial ? "#ffffff" : colour), ("stroke", colour), ("stroke-width", point.Partial ? 1.5 : 0));
            var ispu = point.Ispu is { } index ? $", ISPU {index}" : string.Empty;
            var partial = point.Partial ? " — sementara, periode belum selesai (partial: not over yet)" : string.Empty;
            svg.Text("title", $"{IndonesianFormat.DateTime(point.Time)}: {IndonesianFormat.Number(point.Mean, 2)} (min {IndonesianFormat.Number(point.Min, 2)}, maks {IndonesianFormat.Number(point.Max, 2)}){ispu}{partial}");
            svg.End("circle");
        }

        svg.End("g");
    }

    /// <summary>Consecutive windows with no empty window between them: each is drawn as one unbroken line.</summary>
    private static List<List<SensorPoint>> Runs(IReadOnlyList<SensorPoint> points, TimeSpan window)
    {
        var runs = new List<List<SensorPoint>>();
        foreach (var point in points.OrderBy(p => p.Time))
        {
            if (runs.Count == 0 || point.Time - runs[^1][^1].Time > window + TimeSpan.FromMinutes(1))
            {
                runs.Add([]);
            }

            runs[^1].Add(point);
        }

        return runs;
    }

    private static void DrawLegend(SvgWriter svg, SensorHistoryReport report, bool ispu)
    {
        var x = Left;
        var y = Height - 30.0;
        svg.Start("g", ("class", "legend"));
        for (var s = 0; s < report.Series.Count; s++)
        {
            var colour = ChartPalette.Line(s);
            svg.Empty("line", ("x1", x), ("x2", x + 18), ("y1", y - 4), ("y2", y - 4), ("stroke", colour), ("stroke-width", 2));
            var label = $"{report.Series[s].Device}: rata-rata (mean)";
            svg.Text("text", label, ("x", x + 22), ("y", y));
            x += 30 + (label.Length * 6.5);
            svg.Empty("rect", ("x", x), ("y", y - 10), ("width", 18), ("height", 12), ("fill", colour), ("fill-opacity", 0.22));
            svg.Text("text", "min–maks", ("x", x + 22), ("y", y));
            x += 90;
        }

        if (ispu)
        {
            x = Left;
            y += 18;
            svg.Text("text", "ISPU:", ("x", x), ("y", y), ("font-weight", "600"));
            x += 40;
            foreach (var category in IspuCategory.All)
            {
                svg.Empty("rect", ("x", x), ("y", y - 10), ("width", 12), ("height", 12), ("fill", category.ColorHex), ("fill-opacity", 0.45), ("stroke", category.ColorHex));
                svg.Text("text", category.Name, ("x", x + 16), ("y", y), ("font-size", 11));
                x += 24 + (category.Name.Length * 6.2);
            }
        }

        if (report.Series.Any(s => s.Points.Any(p => p.Partial)))
        {
            (x, y) = ispu ? (x + 10, y) : (Left, y + 18);
            svg.Empty("circle", ("cx", x + 6), ("cy", y - 4), ("r", 4), ("fill", "#ffffff"), ("stroke", "#333333"), ("stroke-width", 1.5));
            svg.Text("text", "sementara (partial)", ("class", "partial-note"), ("x", x + 16), ("y", y), ("font-size", 11));
        }

        svg.End("g");
    }

    private static string WindowText(string window) => window switch
    {
        "1h" => "rata-rata per jam (hourly mean), WIB",
        "6h" => "rata-rata per 6 jam (6-hour mean), WIB",
        "1d" => "rata-rata harian (daily mean), WIB",
        _ => $"rata-rata per {window} (mean per {window}), WIB",
    };

    private static string Describe(SensorHistoryReport report, IspuParameter? ispu)
    {
        var points = report.Series.SelectMany(s => s.Points).ToList();
        var range = $"from {report.From:yyyy-MM-dd HH:mm} to {report.To:yyyy-MM-dd HH:mm} WIB";
        if (points.Count == 0)
        {
            return $"{report.Field} of sensor {report.Sensor} at {report.Site}, {range}: no data.";
        }

        var bands = ispu is null ? string.Empty : " Behind the line, the ISPU category bands: Baik green, Sedang blue, Tidak Sehat yellow, Sangat Tidak Sehat red, Berbahaya black.";
        var devices = string.Join("; ", report.Series.Select(s =>
            $"{s.Device}: {s.Points.Count} windows, mean from {IndonesianFormat.Number(s.Points.Min(p => p.Mean), 2)} to {IndonesianFormat.Number(s.Points.Max(p => p.Mean), 2)} {report.Unit}, lowest {IndonesianFormat.Number(s.Points.Min(p => p.Min), 2)}, highest {IndonesianFormat.Number(s.Points.Max(p => p.Max), 2)}"));
        var partial = points.Any(p => p.Partial) ? " Windows not over yet are hollow markers: their figures will still change." : string.Empty;
        return $"Line chart of the {report.Window} mean of {report.Field} of sensor {report.Sensor} at {report.Site}, {range}, with the min–max range shaded. {devices}.{bands}{partial}";
    }
}
