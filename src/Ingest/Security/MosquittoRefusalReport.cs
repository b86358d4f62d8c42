using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// What Mosquitto's guard plugin (deploy/city/mosquitto/pontive-guard.c) sends on <see cref="Topic"/> each time it
/// refuses a device's publish: <c>{"v":1,"username":"…","topic":"…","qos":1,"retain":false,"payload":"&lt;base64&gt;"}</c>.
/// The username is the account the sender signed in with, as the broker knows it, so it cannot be forged by the
/// device; only the plugin may publish here (no account has a write rule for it, devices are refused by the plugin).
/// </summary>
public sealed record MosquittoRefusalReport(string Username, string Topic, byte[] Payload)
{
    /// <summary>Outside <c>pontive/v1/</c>, so no device topic can ever be mistaken for it.</summary>
    public const string ReportTopic = "pontive/broker/v1/refused";

    /// <summary>The report, or why it is not one (the plugin's own output, so a problem here means a mismatched plugin).</summary>
    public static bool TryParse(ReadOnlySpan<byte> json, [NotNullWhen(true)] out MosquittoRefusalReport? report, [NotNullWhen(false)] out string? problem)
    {
        report = null;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 2 });
            using var document = JsonDocument.ParseValue(ref reader);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != 1)
            {
                problem = "not a version 1 report of pontive-guard";
                return false;
            }

            var username = Text(root, "username");
            var topic = Text(root, "topic");
            var payload = Text(root, "payload");
            if (string.IsNullOrEmpty(username) || topic is null || payload is null)
            {
                problem = "a report needs username, topic and payload";
                return false;
            }

            report = new MosquittoRefusalReport(username, topic, Convert.FromBase64String(payload));
            problem = null;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            problem = $"not a readable report of pontive-guard: {ex.Message}";
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
