using System.Text;
using Pontive.Iot.Ingest.Dashboard.Charts;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Sensors;

namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>
/// The park sensor chart with its selectors: sensor (grouped by site), value and window. The selectors belong to the page's one
/// form (HTML's <c>form</c> attribute), so they work without JavaScript; a line of script submits on change.
/// </summary>
internal static class SensorSection
{
    private static readonly Dictionary<string, (string Id, string En)> WindowNames = new(StringComparer.Ordinal)
    {
        ["1h"] = ("1 jam", "1 hour"),
        ["6h"] = ("6 jam", "6 hours"),
        ["1d"] = ("1 hari", "1 day"),
    };

    public static void Write(StringBuilder html, DashboardModel model, string pathBase)
    {
        html.Append("<section id=\"taman\" aria-labelledby=\"taman-h\">")
            .Append("<h2 id=\"taman-h\">").Append(Html.Bilingual("Tren sensor taman", "Park sensor trends")).Append("</h2>");
        if (model.Selected is not { } selected)
        {
            if (model.Completeness.Error is { } error)
            {
                DashboardPage.Error(html, error);
            }
            else
            {
                html.Append("<p>").Append(Html.Bilingual("Tidak ada sensor yang terdengar bulan ini.", "No sensor was heard from this month.")).Append("</p>");
            }

            html.Append("</section>");
            return;
        }

        WriteControls(html, model.Sensors, selected);
        if (model.History?.Value is { } history)
        {
            var month = model.Request.MonthText;
            html.Append("<figure>").Append(SensorChart.Build(history, "sensor")).Append("<figcaption>");
            if (SensorHistoryQuery.IspuParameterOf(selected.Field) is not null)
            {
                html.Append(Html.Bilingual(
                    "Warna latar: kategori ISPU (Permen LHK P.14/2020) untuk konsentrasi rata-rata 24 jam; hanya jendela 1 hari memberi angka resmi.",
                    "Background: ISPU categories for the 24-hour mean; only the 1-day window gives the official figure.")).Append("<br>");
            }

            var query = new (string, string?)[]
            {
                ("site", selected.Choice.Site), ("sensor", selected.Choice.Sensor), ("kind", selected.Choice.Kind.Name),
                ("field", selected.Field), ("window", selected.Window), ("month", month),
            };
            html.Append(Html.Bilingual("Sumber", "Source")).Append(": ").Append(Html.Encode(history.Source)).Append("<span class=\"no-print\"> · ")
                .Append("<a href=\"").Append(Html.Encode(Html.Url($"{pathBase}/dashboard/charts/sensor.svg", query))).Append("\" download=\"sensor-")
                .Append(Html.Encode($"{selected.Choice.Site}-{selected.Choice.Sensor}-{selected.Field}-{month}")).Append(".svg\">").Append(Html.Bilingual("Unduh SVG", "Download SVG")).Append("</a> · ")
                .Append("<a href=\"").Append(Html.Encode(Html.Url($"{pathBase}/reports/sensors/history", [.. query, ("format", "csv")]))).Append("\">")
                .Append(Html.Bilingual("Tabel CSV", "CSV table")).Append("</a></span></figcaption></figure>");
        }
        else if (model.History is { Error: { } error })
        {
            DashboardPage.Error(html, error);
        }

        html.Append("</section>");
    }

    private static void WriteControls(StringBuilder html, IReadOnlyList<SensorChoice> sensors, SensorSelection selected)
    {
        html.Append("<div class=\"sensor-controls\">");
        // One selector for site and sensor: options grouped by site, each value "site/sensor", so the same sensor name
        // at two parks stays two choices, and a choice is whole without any script.
        html.Append("<label>").Append(Label("Lokasi / sensor", "Site / sensor")).Append("<select name=\"sensor\" form=\"controls\" id=\"sensor\">");
        foreach (var group in sensors.GroupBy(s => s.Site))
        {
            html.Append("<optgroup label=\"").Append(Html.Encode(group.Key)).Append("\">");
            foreach (var sensor in group)
            {
                var (kindId, kindEn) = FieldNames.OfKind(sensor.Kind.Name);
                Option(html, $"{sensor.Site}/{sensor.Sensor}", $"{sensor.Sensor} — {kindId} ({kindEn})", sensor == selected.Choice);
            }

            html.Append("</optgroup>");
        }

        html.Append("</select></label>");
        html.Append("<label>").Append(Label("Nilai", "Value")).Append("<select name=\"field\" form=\"controls\" id=\"field\">");
        foreach (var field in ReportSchema.ValuesOf(selected.Choice.Kind))
        {
            var (nameId, nameEn) = FieldNames.Of(selected.Choice.Kind.Name, field);
            var unit = ReportSchema.UnitOf(field);
            Option(html, field, $"{nameId}{(unit.Length > 0 ? $" ({unit})" : string.Empty)} — {nameEn}", field == selected.Field);
        }

        html.Append("</select></label>");
        html.Append("<label>").Append(Label("Jendela", "Window")).Append("<select name=\"window\" form=\"controls\" id=\"window\">");
        foreach (var window in DashboardRequest.Windows)
        {
            var (id, en) = WindowNames[window];
            Option(html, window, $"{id} ({en})", window == selected.Window);
        }

        html.Append("</select></label>");
        html.Append("<button type=\"submit\" form=\"controls\">").Append(Html.Bilingual("Tampilkan", "Show")).Append("</button>");
        html.Append("</div>");
    }

    private static string Label(string indonesian, string english) => $"<span>{Html.Bilingual(indonesian, english)}</span>";

    private static void Option(StringBuilder html, string value, string label, bool selected) =>
        html.Append("<option value=\"").Append(Html.Encode(value)).Append('"').Append(selected ? " selected" : string.Empty).Append('>')
            .Append(Html.Encode(label)).Append("</option>");
}
