using System.Text;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>
/// A table per waste bank for the chosen month: per category the kilograms, deposits, members and rupiah, net of voided
/// deposits, with what the voids took out beside; the bank's total counts each member once across categories.
/// </summary>
internal static class BankTables
{
    public static void Write(StringBuilder html, DashboardModel model, string pathBase)
    {
        var request = model.Request;
        html.Append("<section id=\"bank\" aria-labelledby=\"bank-h\">")
            .Append("<h2 id=\"bank-h\">").Append(Html.Bilingual($"Bank sampah — {IndonesianFormat.Month(request.Range.From)}", "Waste banks")).Append("</h2>")
            .Append("<p class=\"note\">")
            .Append(Html.Bilingual(
                "Setoran yang dibatalkan tidak dihitung; kolom “Dibatalkan” menunjukkan apa yang dikeluarkan. Anggota dihitung sekali per bank.",
                "Voided deposits are not counted; the “Voided” column shows what was taken out. Members are counted once per bank."))
            .Append("</p>");
        if (model.Waste.Value is not { } report)
        {
            DashboardPage.Error(html, model.Waste.Error);
            html.Append("</section>");
            return;
        }

        var month = request.MonthText;
        var sites = report.Sites.Where(s => s.Period == month).ToList();
        if (sites.Count == 0)
        {
            html.Append("<p>").Append(Html.Bilingual("Tidak ada setoran pada bulan ini.", "No deposits this month.")).Append("</p>");
        }

        html.Append("<div class=\"banks\">");
        foreach (var site in sites)
        {
            WriteBank(html, site, report.Rows.Where(r => r.Period == month && r.Site == site.Site));
        }

        html.Append("</div>");
        if (report.Periods.FirstOrDefault(p => p.Period == month) is { } city && sites.Count > 1)
        {
            html.Append("<p class=\"city-total\"><strong>").Append(Html.Bilingual("Seluruh kota", "Whole city")).Append(":</strong> ")
                .Append(IndonesianFormat.Kilograms(city.MassKg)).Append(", ")
                .Append(IndonesianFormat.Whole(city.Deposits)).Append(" setoran, ")
                .Append(IndonesianFormat.Whole(city.Members)).Append(" anggota, ")
                .Append(IndonesianFormat.Rupiah(city.ValueIdr)).Append("</p>");
        }

        var unmatched = report.UnmatchedVoids.Where(v => v.DepositTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture) == month).ToList();
        if (unmatched.Count > 0)
        {
            html.Append("<p class=\"note\">").Append(Html.Bilingual(
                $"{unmatched.Count} pembatalan tanpa setoran yang tersimpan (tidak dikurangkan): ",
                "voids whose deposit is not stored (nothing subtracted):"))
                .Append(' ').Append(Html.Encode(string.Join(", ", unmatched.Select(v => $"{v.Site} {v.Category} {v.DepositId}")))).Append("</p>");
        }

        html.Append("<p class=\"note no-print\"><a href=\"").Append(Html.Encode(Html.Url($"{pathBase}/reports/waste", ("month", month), ("by", "month"), ("format", "csv"))))
            .Append("\">").Append(Html.Bilingual("Unduh tabel bulan ini (CSV)", "Download this month's table (CSV)")).Append("</a></p>");
        html.Append("</section>");
    }

    private static void WriteBank(StringBuilder html, WasteSiteRow site, IEnumerable<WasteCategoryRow> rows)
    {
        html.Append("<div class=\"bank-block\"><table class=\"bank\" data-site=\"").Append(Html.Encode(site.Site)).Append("\">")
            .Append("<caption>").Append(Html.Encode(site.Site)).Append("</caption><thead><tr>")
            .Append("<th scope=\"col\">").Append(Html.Bilingual("Kategori", "Category")).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(Html.Bilingual("Berat (kg)", "Weight")).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(Html.Bilingual("Setoran", "Deposits")).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(Html.Bilingual("Anggota", "Members")).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(Html.Bilingual("Nilai (Rp)", "Value")).Append("</th>")
            .Append("<th scope=\"col\" class=\"num\">").Append(Html.Bilingual("Dibatalkan", "Voided")).Append("</th>")
            .Append("</tr></thead><tbody>");
        foreach (var row in rows.OrderBy(r => r.Category, StringComparer.Ordinal))
        {
            html.Append("<tr data-category=\"").Append(Html.Encode(row.Category)).Append("\"><th scope=\"row\">").Append(Html.Encode(row.Category)).Append("</th>");
            Figures(html, row.MassKg, row.Deposits, row.Members, row.ValueIdr, row.VoidedDeposits, row.VoidedMassKg);
            html.Append("</tr>");
        }

        html.Append("</tbody><tfoot><tr data-category=\"total\"><th scope=\"row\">").Append(Html.Bilingual("Jumlah", "Total")).Append("</th>");
        Figures(html, site.MassKg, site.Deposits, site.Members, site.ValueIdr, site.VoidedDeposits, site.VoidedMassKg);
        html.Append("</tr></tfoot></table></div>");
    }

    private static void Figures(StringBuilder html, decimal kg, int deposits, int members, long idr, int voided, decimal voidedKg)
    {
        html.Append("<td class=\"num\" data-figure=\"mass_kg\">").Append(IndonesianFormat.Number(kg, 3)).Append("</td>")
            .Append("<td class=\"num\" data-figure=\"deposits\">").Append(IndonesianFormat.Whole(deposits)).Append("</td>")
            .Append("<td class=\"num\" data-figure=\"members\">").Append(IndonesianFormat.Whole(members)).Append("</td>")
            .Append("<td class=\"num\" data-figure=\"value_idr\">").Append(IndonesianFormat.Whole(idr)).Append("</td>")
            .Append("<td class=\"num\" data-figure=\"voided\">")
            .Append(voided == 0 ? "—" : $"{IndonesianFormat.Whole(voided)} ({IndonesianFormat.Kilograms(voidedKg)})").Append("</td>");
    }
}
