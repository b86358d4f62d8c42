using System.Text;

namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>
/// The dashboard as one HTML page: the month control, the waste charts, a table per bank, the park sensor chart and the
/// device-health table. Charts are inline SVG drawn on the server; the stylesheet is inline; nothing is loaded from
/// anywhere else, so it works on a city office network without internet and prints as it shows.
/// </summary>
public static class DashboardPage
{
    /// <summary>The page; <paramref name="pathBase"/> is where Ingest is mounted behind a proxy ("" at the root).</summary>
    public static string Render(DashboardModel model, string pathBase = "")
    {
        ArgumentNullException.ThrowIfNull(model);
        var request = model.Request;
        var monthName = IndonesianFormat.Month(request.Range.From);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>Dasbor Pontive — ").Append(Html.Encode(monthName)).Append("</title>")
            .Append("<style>").Append(DashboardStyles.Css).Append("</style></head><body>");
        WriteHeader(html, model, pathBase, monthName);
        html.Append("<main>");
        foreach (var problem in request.Problems)
        {
            html.Append("<p class=\"problem\" role=\"alert\">").Append(Html.Encode(problem)).Append("</p>");
        }

        WasteSection.Write(html, model, pathBase);
        BankTables.Write(html, model, pathBase);
        SensorSection.Write(html, model, pathBase);
        DeviceHealthTable.Write(html, model);
        html.Append("</main>");
        WriteFooter(html, pathBase);
        html.Append("<script>").Append(Script).Append("</script></body></html>");
        return html.ToString();
    }

    internal static void Error(StringBuilder html, string? error) =>
        html.Append("<p class=\"error\" role=\"alert\">").Append(Html.Bilingual("Data tidak dapat dibaca", "Data could not be read"))
            .Append(": ").Append(Html.Encode(error ?? "?")).Append("</p>");

    private static void WriteHeader(StringBuilder html, DashboardModel model, string pathBase, string monthName)
    {
        var request = model.Request;
        var generated = Reports.Calendar.Wib.ToWib(model.GeneratedAt);
        html.Append("<header class=\"top\"><div>")
            .Append("<h1>").Append(Html.Bilingual("Dasbor Data Kota Pontianak", "Pontianak city data dashboard")).Append("</h1>")
            .Append("<p class=\"period\">").Append(Html.Bilingual("Periode", "Period")).Append(": <strong>").Append(Html.Encode(monthName))
            .Append("</strong> (WIB, UTC+07:00) · ").Append(Html.Bilingual("dibuat", "made")).Append(' ').Append(IndonesianFormat.DateTime(generated)).Append(" WIB</p>")
            .Append("</div>")
            .Append("<form id=\"controls\" class=\"controls\" method=\"get\" action=\"").Append(Html.Encode(pathBase)).Append("/dashboard\">")
            .Append("<label for=\"month\"><span>").Append(Html.Bilingual("Bulan", "Month")).Append("</span>")
            .Append("<input type=\"month\" id=\"month\" name=\"month\" value=\"").Append(request.MonthText)
            .Append("\" pattern=\"[0-9]{4}-[0-9]{2}\" placeholder=\"2026-11\" required></label>")
            .Append("<button type=\"submit\">").Append(Html.Bilingual("Tampilkan", "Show")).Append("</button>")
            .Append("<button type=\"button\" id=\"toggle-en\" class=\"no-print\" hidden>English</button>")
            .Append("</form>")
            .Append("<nav class=\"sections\" aria-label=\"Bagian\"><a href=\"#sampah\">Sampah</a><a href=\"#bank\">Bank sampah</a><a href=\"#taman\">Taman</a><a href=\"#perangkat\">Perangkat</a></nav>")
            .Append("</header>");
    }

    private static void WriteFooter(StringBuilder html, string pathBase) =>
        html.Append("<footer><p>")
            .Append(Html.Bilingual(
                "Data dari InfluxDB lewat laporan Pontive (JSON dan CSV yang sama tersedia di /reports). Semua waktu WIB. Angka dalam format Indonesia: 1.234,5. ISPU menurut Permen LHK No. P.14/MENLHK/SETJEN/KUM.1/7/2020.",
                "Data from InfluxDB through Pontive's reports (the same JSON and CSV are at /reports). All times WIB. Numbers in Indonesian format: 1.234,5 is one thousand two hundred thirty-four and a half."))
            .Append(" <a class=\"no-print\" href=\"").Append(Html.Encode(pathBase)).Append("/reports/status\">/reports/status</a></p></footer>");

    /// <summary>
    /// Conveniences only (the page works without them): a changed selector submits the form; the button hides or shows the English labels (remembered in this browser).
    /// </summary>
    private const string Script = """
        (function () {
          var form = document.getElementById('controls');
          ['sensor', 'field', 'window'].forEach(function (id) {
            var select = document.getElementById(id);
            if (select) { select.addEventListener('change', function () { form.requestSubmit(); }); }
          });
          var toggle = document.getElementById('toggle-en');
          var apply = function (hidden) { document.body.classList.toggle('id-only', hidden); toggle.textContent = hidden ? 'English: tampilkan' : 'English: sembunyikan'; };
          toggle.hidden = false;
          apply(localStorage.getItem('pontive-hide-en') === '1');
          toggle.addEventListener('click', function () {
            var hidden = !document.body.classList.contains('id-only');
            localStorage.setItem('pontive-hide-en', hidden ? '1' : '0');
            apply(hidden);
          });
        })();
        """;
}
