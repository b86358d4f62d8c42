using System.Text.Json;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>One query of a panel or a template variable of deploy/grafana/dashboards/*.json.</summary>
internal sealed record GrafanaQuery(string Where, string Text);

/// <summary>The provisioned Grafana dashboards, read as JSON, with their queries and variables.</summary>
internal static class GrafanaDashboard
{
    /// <summary>Grafana's own variables, which need no definition in the dashboard.</summary>
    public static readonly IReadOnlySet<string> BuiltIns = new HashSet<string>(StringComparer.Ordinal) { "timeFilter", "__interval", "tag_device", "col" };

    public static IEnumerable<string> Files() => Directory.EnumerateFiles(RepositoryFiles.Path("deploy", "grafana", "dashboards"), "*.json").Order(StringComparer.Ordinal);

    public static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.Clone();
    }

    public static IEnumerable<JsonElement> Panels(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.TryGetProperty("panels", out var inner) ? inner.EnumerateArray().Prepend(p) : [p]);

    public static IEnumerable<JsonElement> Variables(JsonElement dashboard) => dashboard.GetProperty("templating").GetProperty("list").EnumerateArray();

    public static IEnumerable<GrafanaQuery> Queries(JsonElement dashboard)
    {
        foreach (var panel in Panels(dashboard).Where(p => p.TryGetProperty("targets", out _)))
        {
            foreach (var target in panel.GetProperty("targets").EnumerateArray())
            {
                yield return new GrafanaQuery($"panel '{panel.GetProperty("title").GetString()}' query {target.GetProperty("refId").GetString()}", target.GetProperty("query").GetString()!);
            }
        }

        foreach (var variable in Variables(dashboard).Where(v => v.GetProperty("type").GetString() == "query"))
        {
            yield return new GrafanaQuery($"variable ${variable.GetProperty("name").GetString()}", variable.GetProperty("query").GetString()!);
        }
    }

    /// <summary>The options of a custom variable (e.g. <c>$rollup</c>: rollup_1h, rollup_1d).</summary>
    public static IReadOnlyList<string> Options(JsonElement dashboard, string variable) =>
        [.. Variables(dashboard).Single(v => v.GetProperty("name").GetString() == variable).GetProperty("query").GetString()!.Split(',')];
}
