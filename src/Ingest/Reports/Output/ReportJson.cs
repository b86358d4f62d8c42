using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pontive.Iot.Ingest.Reports.Output;

/// <summary>
/// How reports are written as JSON: snake_case names like the rest of Ingest's API, and text as it is (µg/m³, +07:00)
/// rather than \u escapes. Reports are served as application/json and never pasted into HTML, so the HTML-safe
/// escaping of the default encoder has nothing to protect.
/// </summary>
public static class ReportJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
