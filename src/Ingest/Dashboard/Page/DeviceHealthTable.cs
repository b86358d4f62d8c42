using System.Text;
using Pontive.Iot.Ingest.Dashboard.Devices;
using Pontive.Iot.Ingest.Reports.Completeness;

namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>
/// A row per device: when it was last heard from, its last status, its outbox (waiting and dropped messages), messages
/// lost on the way (gaps in <c>seq</c>) and each sensor's completeness. Silent devices are marked in words and colour.
/// </summary>
internal static class DeviceHealthTable
{
    /// <summary>Completeness below this is shown in warning colour.</summary>
    private const double LowCompletenessPct = 90;

    public static void Write(StringBuilder html, DashboardModel model)
    {
        html.Append("<section id=\"perangkat\" aria-labelledby=\"perangkat-h\">")
            .Append("<h2 id=\"perangkat-h\">").Append(Html.Bilingual("Kesehatan perangkat", "Device health")).Append("</h2>");
        if (model.Completeness.Value is not { } report)
        {
            DashboardPage.Error(html, model.Completeness.Error);
            html.Append("</section>");
            return;
        }

        var silentAfter = TimeSpan.FromSeconds(report.SilentAfterS);
        html.Append("<p class=\"note\">").Append(Html.Bilingual(
            $"Per {IndonesianFormat.DateTime(report.AsOf)} WIB. Perangkat disebut diam bila tidak terdengar lebih dari {IndonesianFormat.Duration(silentAfter)}. Sumber: {report.Source}.",
            $"As of that time. A device is silent when not heard from for longer than that. Source: {report.Source}.")).Append("</p>");
        if (model.Outboxes.Error is { } outboxError)
        {
            DashboardPage.Error(html, outboxError);
        }

        if (report.Devices.Count == 0)
        {
            html.Append("<p>").Append(Html.Bilingual("Tidak ada perangkat yang terdengar.", "No device was heard from.")).Append("</p></section>");
            return;
        }

        var outboxes = (model.Outboxes.Value ?? []).ToDictionary(o => (o.Site, o.Device));
        html.Append("<table class=\"devices\"><thead><tr>");
        foreach (var (id, en, numeric) in new[]
        {
            ("Lokasi", "Site", false), ("Perangkat", "Device", false), ("Keadaan", "State", false), ("Terakhir terlihat", "Last seen", false),
            ("Status terakhir", "Last status", false), ("Antrean", "Outbox waiting", true), ("Dibuang", "Dropped", true),
            ("Pesan hilang", "Messages lost", true), ("Kelengkapan data", "Completeness", false),
        })
        {
            html.Append("<th scope=\"col\"").Append(numeric ? " class=\"num\"" : string.Empty).Append('>').Append(Html.Bilingual(id, en)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var device in report.Devices.OrderByDescending(d => d.Silent).ThenBy(d => d.Site, StringComparer.Ordinal).ThenBy(d => d.Device, StringComparer.Ordinal))
        {
            WriteRow(html, device, outboxes.GetValueOrDefault((device.Site, device.Device)));
        }

        html.Append("</tbody></table></section>");
    }

    private static void WriteRow(StringBuilder html, DeviceCompleteness device, DeviceOutbox? outbox)
    {
        html.Append("<tr data-site=\"").Append(Html.Encode(device.Site)).Append("\" data-device=\"").Append(Html.Encode(device.Device)).Append('"')
            .Append(device.Silent ? " class=\"silent\"" : string.Empty).Append('>')
            .Append("<td>").Append(Html.Encode(device.Site)).Append("</td>")
            .Append("<th scope=\"row\">").Append(Html.Encode(device.Device)).Append("</th><td data-figure=\"state\">");
        if (device.Silent)
        {
            html.Append("<span class=\"badge silent\">DIAM</span> <span class=\"en\" lang=\"en\">silent</span>");
            if (device.SilentForS is { } seconds)
            {
                html.Append("<br>").Append(IndonesianFormat.Duration(TimeSpan.FromSeconds(seconds)));
            }
        }
        else
        {
            html.Append("<span class=\"badge ok\">AKTIF</span> <span class=\"en\" lang=\"en\">active</span>");
        }

        html.Append("</td><td data-figure=\"last_seen\">").Append(device.LastSeen is { } seen ? IndonesianFormat.DateTime(seen) : "—").Append("</td>")
            .Append("<td data-figure=\"last_status\">")
            .Append(device.LastStatus is null ? "—" : $"{Html.Encode(device.LastStatus)}<br><small>{IndonesianFormat.DateTime(device.LastStatusAt!.Value)}</small>").Append("</td>")
            .Append("<td class=\"num\" data-figure=\"outbox_depth\">").Append(Whole(outbox?.Depth)).Append("</td>")
            .Append("<td class=\"num\" data-figure=\"outbox_dropped\">").Append(Whole(outbox?.Dropped)).Append("</td>")
            .Append("<td class=\"num\" data-figure=\"missing_messages\">").Append(Whole(device.MissingMessages)).Append("</td>")
            .Append("<td data-figure=\"completeness\">");
        foreach (var sensor in device.Sensors)
        {
            html.Append("<div data-sensor=\"").Append(Html.Encode(sensor.Sensor)).Append("\">").Append(Html.Encode(sensor.Sensor)).Append(": ");
            if (sensor.CompletenessPct is { } pct)
            {
                html.Append(pct < LowCompletenessPct ? "<span class=\"low\">" : "<span>").Append(IndonesianFormat.Percent(pct)).Append("</span>");
            }
            else
            {
                html.Append(Html.Bilingual("? (interval tidak diketahui)", "interval unknown"));
            }

            html.Append("</div>");
        }

        html.Append("</td></tr>");
    }

    private static string Whole(long? value) => value is { } v ? IndonesianFormat.Whole(v) : "—";
}
