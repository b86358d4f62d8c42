using System.Text.RegularExpressions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>One measurement's tags and fields.</summary>
internal sealed record MeasurementSchema(IReadOnlySet<string> Tags, IReadOnlySet<string> Fields);

/// <summary>
/// The InfluxDB schema as documented: the ledger and <c>telemetry_batch</c> from the wire contract's §11 table, the
/// telemetry kinds from the contract's table of kinds (as code), and the roll-ups from docs/reports.md. Read from the
/// documents, so a panel that names something the documents do not is caught, and so is a document that drifts.
/// </summary>
internal sealed partial class InfluxSchema
{
    private InfluxSchema(Dictionary<string, MeasurementSchema> raw, Dictionary<string, MeasurementSchema> rollups)
    {
        Raw = raw;
        Rollups = rollups;
    }

    /// <summary>Measurements in the database's default policy (or the raw telemetry policy).</summary>
    public IReadOnlyDictionary<string, MeasurementSchema> Raw { get; }

    /// <summary>Measurements in rollup_1h and rollup_1d.</summary>
    public IReadOnlyDictionary<string, MeasurementSchema> Rollups { get; }

    public static InfluxSchema FromDocuments()
    {
        var raw = new Dictionary<string, MeasurementSchema>(StringComparer.Ordinal);
        foreach (var kind in SensorKinds.All)
        {
            raw[kind.Name] = new MeasurementSchema(Set("site", "device", "sensor"), Set([.. kind.Values.Keys, "clock_unsynced"]));
        }

        var contract = RepositoryFiles.Read("docs", "wire-contract.md");
        var section = contract[contract.IndexOf("## 11.", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 1, StringComparison.Ordinal)];
        foreach (var line in section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = line.Split('|');
            raw[Names(cells[1]).Single()] = new MeasurementSchema(Set([.. Names(cells[2])]), Set([.. Names(cells[3])]));
        }

        var reports = RepositoryFiles.Read("docs", "reports.md").ReplaceLineEndings(" ");
        var statistics = Names(StatisticsSentence().Match(reports).Groups["list"].Value).Select(n => n[..^2]).ToList();
        var batchFields = Names(BatchSentence().Match(reports).Groups["list"].Value);
        var rollups = new Dictionary<string, MeasurementSchema>(StringComparer.Ordinal);
        foreach (var kind in SensorKinds.All)
        {
            rollups[kind.Name] = new MeasurementSchema(Set("site", "device", "sensor"),
                Set([.. kind.Values.Keys.SelectMany(value => statistics.Select(statistic => ReportSchema.RollupField(statistic, value)))]));
        }

        rollups[ReportSchema.TelemetryBatchMeasurement] = new MeasurementSchema(Set("site", "device"), Set([.. batchFields]));
        return new InfluxSchema(raw, rollups);
    }

    private static IEnumerable<string> Names(string text) => Backticked().Matches(text).Select(m => m.Groups[1].Value);

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    [GeneratedRegex("`([a-z0-9_]+)`")]
    private static partial Regex Backticked();

    [GeneratedRegex(@"for every value `x`: (?<list>.+?)\. For")]
    private static partial Regex StatisticsSentence();

    [GeneratedRegex(@"For\s+`telemetry_batch`, per site and device: (?<list>.+?)\.")]
    private static partial Regex BatchSentence();
}
