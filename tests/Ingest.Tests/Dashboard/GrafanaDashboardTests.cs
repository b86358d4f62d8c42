using System.Text.Json;
using System.Text.RegularExpressions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Dashboard.Charts;
using Pontive.Iot.Ingest.Reports.AirQuality;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>
/// deploy/grafana: the dashboards parse, name the provisioned data source, read only measurements, fields and tags the
/// documented schema has, and draw the ISPU bands the reports compute.
/// </summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly InfluxSchema Schema = InfluxSchema.FromDocuments();

    [Fact]
    public void There_is_a_dashboard_and_every_file_parses_as_json()
    {
        var files = GrafanaDashboard.Files().ToList();

        Assert.NotEmpty(files);
        Assert.All(files, file => Assert.Equal(JsonValueKind.Object, GrafanaDashboard.Load(file).ValueKind));
    }

    [Fact]
    public void Every_panel_uses_the_data_source_the_provisioning_file_creates()
    {
        var provisioning = RepositoryFiles.Read("deploy", "grafana", "provisioning", "datasources", "pontive.yaml");
        var uid = DataSourceUid().Match(provisioning).Groups[1].Value;

        Assert.Equal("pontive-influxdb", uid);
        Assert.Contains("type: influxdb", provisioning, StringComparison.Ordinal);
        Assert.Contains("dbName: pontive", provisioning, StringComparison.Ordinal);
        Assert.Contains("url: ${PONTIVE_INFLUXDB_URL}", provisioning, StringComparison.Ordinal);
        Assert.Contains("password: ${PONTIVE_INFLUXDB_PASSWORD}", provisioning, StringComparison.Ordinal);
        foreach (var dashboard in GrafanaDashboard.Files().Select(GrafanaDashboard.Load))
        {
            var sources = GrafanaDashboard.Panels(dashboard).Where(p => p.TryGetProperty("datasource", out _))
                .Select(p => p.GetProperty("datasource").GetProperty("uid").GetString())
                .Concat(GrafanaDashboard.Variables(dashboard).Where(v => v.TryGetProperty("datasource", out _)).Select(v => v.GetProperty("datasource").GetProperty("uid").GetString()));
            Assert.All(sources, source => Assert.Equal(uid, source));
        }
    }

    [Fact]
    public void Every_query_reads_measurements_fields_and_tags_the_schema_has()
    {
        var checkedReferences = 0;
        foreach (var dashboard in GrafanaDashboard.Files().Select(GrafanaDashboard.Load))
        {
            foreach (var query in GrafanaDashboard.Queries(dashboard))
            {
                foreach (var text in Expand(dashboard, query.Text))
                {
                    var references = InfluxQlReferences.Of(text);
                    Assert.True(references.Count > 0, $"{query.Where}: no measurement found in {text}");
                    foreach (var reference in references)
                    {
                        Check(query.Where, reference);
                        checkedReferences++;
                    }
                }
            }
        }

        Assert.True(checkedReferences > 20, $"only {checkedReferences} references checked");
    }

    [Theory]
    [InlineData("pm25_ugm3", IspuParameter.Pm25)]
    [InlineData("pm10_ugm3", IspuParameter.Pm10)]
    public void The_particulate_panels_colour_the_ispu_bands_the_reports_compute(string field, IspuParameter parameter)
    {
        var dashboard = GrafanaDashboard.Load(GrafanaDashboard.Files().Single(f => f.EndsWith("pontive.json", StringComparison.Ordinal)));
        var panel = GrafanaDashboard.Panels(dashboard).Single(p =>
            p.TryGetProperty("targets", out var targets) && targets[0].GetProperty("query").GetString()!.Contains($"\"sum_{field}\"", StringComparison.Ordinal));

        var steps = panel.GetProperty("fieldConfig").GetProperty("defaults").GetProperty("thresholds").GetProperty("steps").EnumerateArray()
            .Select(s => (Colour: s.GetProperty("color").GetString(), From: s.GetProperty("value").ValueKind == JsonValueKind.Null ? 0 : s.GetProperty("value").GetDouble()))
            .ToList();

        Assert.Equal(IspuBands.For(parameter).Select(b => $"{b.Category.ColorHex} from {b.From}"), steps.Select(s => $"{s.Colour} from {s.From}"));
    }

    [Fact]
    public void Every_variable_a_query_names_is_defined_in_the_dashboard()
    {
        foreach (var dashboard in GrafanaDashboard.Files().Select(GrafanaDashboard.Load))
        {
            var defined = GrafanaDashboard.Variables(dashboard).Select(v => v.GetProperty("name").GetString()!).ToHashSet(StringComparer.Ordinal);
            var texts = GrafanaDashboard.Queries(dashboard).Select(q => (q.Where, q.Text))
                .Concat(GrafanaDashboard.Panels(dashboard).Select(p => ($"panel title '{p.GetProperty("title").GetString()}'", p.GetProperty("title").GetString()!)));
            foreach (var (where, text) in texts)
            {
                foreach (var name in VariableName().Matches(text).Select(m => m.Groups[1].Value))
                {
                    Assert.True(defined.Contains(name) || GrafanaDashboard.BuiltIns.Contains(name), $"{where} uses ${name}, which is not defined");
                }
            }
        }
    }

    [Fact]
    public void Panels_fit_the_24_column_grid_and_do_not_overlap()
    {
        foreach (var dashboard in GrafanaDashboard.Files().Select(GrafanaDashboard.Load))
        {
            var boxes = GrafanaDashboard.Panels(dashboard).Select(p => p.GetProperty("gridPos"))
                .Select(g => (X: g.GetProperty("x").GetInt32(), Y: g.GetProperty("y").GetInt32(), W: g.GetProperty("w").GetInt32(), H: g.GetProperty("h").GetInt32()))
                .ToList();
            Assert.All(boxes, b => Assert.InRange(b.X + b.W, 1, 24));
            for (var i = 0; i < boxes.Count; i++)
            {
                for (var j = i + 1; j < boxes.Count; j++)
                {
                    var (a, b) = (boxes[i], boxes[j]);
                    var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                    Assert.False(overlap, $"panels at {a} and {b} overlap");
                }
            }
        }
    }

    /// <summary>
    /// The query once per value of the variables that name measurements or fields: each roll-up, and each kind with each
    /// of its values (what <c>$field</c> offers for that kind).
    /// </summary>
    private static IEnumerable<string> Expand(JsonElement dashboard, string query)
    {
        var rollups = query.Contains("$rollup", StringComparison.Ordinal) ? GrafanaDashboard.Options(dashboard, "rollup") : [string.Empty];
        IEnumerable<SensorKind?> kinds = query.Contains("$kind", StringComparison.Ordinal)
            ? GrafanaDashboard.Options(dashboard, "kind").Select<string, SensorKind?>(k => SensorKinds.TryGet(k, out var kind) ? kind : throw new InvalidOperationException($"$kind offers '{k}', not a kind"))
            : [null];
        foreach (var rollup in rollups)
        {
            foreach (var kind in kinds)
            {
                var fields = kind is not null && query.Contains("$field", StringComparison.Ordinal) ? kind.Values.Keys.ToList() : [string.Empty];
                foreach (var field in fields)
                {
                    yield return query.Replace("$rollup", rollup, StringComparison.Ordinal)
                        .Replace("$kind", kind?.Name ?? string.Empty, StringComparison.Ordinal)
                        .Replace("$field", field, StringComparison.Ordinal);
                }
            }
        }
    }

    private static void Check(string where, InfluxQlReference reference)
    {
        var rollup = reference.RetentionPolicy is "rollup_1h" or "rollup_1d";
        Assert.True(reference.RetentionPolicy is null || rollup, $"{where}: unknown retention policy '{reference.RetentionPolicy}' in {reference.Statement}");
        var measurements = rollup ? Schema.Rollups : Schema.Raw;
        if (reference.Measurement is null)
        {
            // SHOW TAG VALUES over every measurement: the tag must exist somewhere.
            Assert.All(reference.Tags, tag => Assert.True(Schema.Raw.Values.Any(m => m.Tags.Contains(tag)), $"{where}: no measurement has tag '{tag}'"));
            return;
        }

        Assert.True(measurements.TryGetValue(reference.Measurement, out var schema),
            $"{where}: measurement '{reference.Measurement}'{(rollup ? $" in {reference.RetentionPolicy}" : string.Empty)} is not in the schema: {reference.Statement}");
        Assert.All(reference.Fields, field => Assert.True(schema!.Fields.Contains(field), $"{where}: '{reference.Measurement}' has no field '{field}': {reference.Statement}"));
        Assert.All(reference.Tags, tag => Assert.True(schema!.Tags.Contains(tag), $"{where}: '{reference.Measurement}' has no tag '{tag}': {reference.Statement}"));
    }

    [GeneratedRegex(@"uid:\s*(\S+)")]
    private static partial Regex DataSourceUid();

    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex VariableName();
}
