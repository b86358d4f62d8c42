using System.Text;
using Pontive.Iot.Ingest.Dashboard.Charts;

namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>The waste charts: the months to the chosen one, stacked by category, in kilograms and in rupiah.</summary>
internal static class WasteSection
{
    public static void Write(StringBuilder html, DashboardModel model, string pathBase)
    {
        var request = model.Request;
        var chart = request.ChartRange.InWib();
        var from = chart.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var to = chart.To.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        html.Append("<section id=\"sampah\" aria-labelledby=\"sampah-h\">")
            .Append("<h2 id=\"sampah-h\">").Append(Html.Bilingual("Sampah per bulan per kategori", "Waste per month per category")).Append("</h2>")
            .Append("<p class=\"note\">")
            .Append(Html.Bilingual(
                $"{DashboardRequest.ChartMonths} bulan sampai {IndonesianFormat.Month(request.Range.From)}, semua bank sampah, setelah setoran yang dibatalkan dikeluarkan.",
                $"{DashboardRequest.ChartMonths} months to {IndonesianFormat.Month(request.Range.From)}, all waste banks, net of voided deposits."))
            .Append("</p>");
        if (model.Waste.Value is not { } report)
        {
            DashboardPage.Error(html, model.Waste.Error);
            html.Append("</section>");
            return;
        }

        html.Append("<div class=\"charts\">");
        foreach (var (measure, name) in new[] { (WasteMeasure.Mass, "kg"), (WasteMeasure.Value, "idr") })
        {
            html.Append("<figure>").Append(WasteChart.Build(report, measure, $"waste-{name}"))
                .Append("<figcaption><span class=\"no-print\">")
                .Append("<a href=\"").Append(Html.Encode(Html.Url($"{pathBase}/dashboard/charts/waste.svg", ("from", from), ("to", to), ("measure", name)))).Append("\" download=\"sampah-").Append(name).Append('-').Append(request.MonthText).Append(".svg\">")
                .Append(Html.Bilingual("Unduh SVG", "Download SVG")).Append("</a> · ")
                .Append("<a href=\"").Append(Html.Encode(Html.Url($"{pathBase}/reports/waste", ("from", from), ("to", to), ("by", "month"), ("format", "csv")))).Append("\">")
                .Append(Html.Bilingual("Tabel CSV", "CSV table")).Append("</a>")
                .Append("</span></figcaption></figure>");
        }

        html.Append("</div></section>");
    }
}
