namespace Pontive.Iot.Ingest.Dashboard.Page;

/// <summary>Text made safe for HTML, and the page's bilingual labels: Indonesian first, English beside it.</summary>
internal static class Html
{
    public static string Encode(string? text) => text is null ? string.Empty : text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    /// <summary><c>Berat &lt;span class="en" lang="en"&gt;Weight&lt;/span&gt;</c>: the English is smaller and greyer, and can be hidden.</summary>
    public static string Bilingual(string indonesian, string english) =>
        $"{Encode(indonesian)} <span class=\"en\" lang=\"en\">{Encode(english)}</span>";

    /// <summary>An address with its query, every value escaped.</summary>
    public static string Url(string path, params (string Name, string? Value)[] query)
    {
        var pairs = query.Where(q => q.Value is not null).Select(q => $"{Uri.EscapeDataString(q.Name)}={Uri.EscapeDataString(q.Value!)}").ToList();
        return pairs.Count == 0 ? path : path + "?" + string.Join('&', pairs);
    }
}
