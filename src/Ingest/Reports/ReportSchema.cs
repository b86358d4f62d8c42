using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports;

/// <summary>
/// The names reports read besides the contract's schema (<see cref="Schema"/>): the <c>telemetry_batch</c> points that
/// carry each telemetry message's <c>seq</c>, and the fields of the roll-ups.
/// </summary>
public static class ReportSchema
{
    /// <summary>One point per telemetry message: tags site, device, sensor (of its first sample); fields seq, samples.</summary>
    public const string TelemetryBatchMeasurement = "telemetry_batch";

    public const string SeqField = "seq";

    public const string SamplesField = "samples";

    /// <summary>The ledger's measurements: never routed to the raw telemetry policy, never rolled up.</summary>
    public static readonly IReadOnlySet<string> LedgerMeasurements = new HashSet<string>(StringComparer.Ordinal)
    {
        Schema.DepositMeasurement,
        Schema.DepositVoidMeasurement,
        Schema.StatusMeasurement,
    };

    /// <summary>The roll-up statistics kept for every value, in this order: <c>mean_x, min_x, max_x, sum_x, count_x</c>.</summary>
    public static readonly IReadOnlyList<string> Statistics = ["mean", "min", "max", "sum", "count"];

    public static string RollupField(string statistic, string value) => $"{statistic}_{value}";

    /// <summary>The value names of a kind in a stable order (the contract's order of declaration is not guaranteed).</summary>
    public static IReadOnlyList<string> ValuesOf(SensorKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return [.. kind.Values.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The kinds whose values include <paramref name="field"/>.</summary>
    public static IReadOnlyList<SensorKind> KindsWith(string field) =>
        [.. SensorKinds.All.Where(k => k.Values.ContainsKey(field))];

    /// <summary>The unit written in a value's name: <c>temperature_c</c> is °C.</summary>
    public static string UnitOf(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field switch
        {
            _ when field.EndsWith("_c", StringComparison.Ordinal) => "°C",
            _ when field.EndsWith("_pct", StringComparison.Ordinal) => "%",
            _ when field.EndsWith("_hpa", StringComparison.Ordinal) => "hPa",
            _ when field.EndsWith("_lux", StringComparison.Ordinal) => "lx",
            _ when field.EndsWith("_ugm3", StringComparison.Ordinal) => "µg/m³",
            _ when field.EndsWith("_ppm", StringComparison.Ordinal) => "ppm",
            _ when field.EndsWith("_cm", StringComparison.Ordinal) => "cm",
            _ when field.EndsWith("_kg", StringComparison.Ordinal) => "kg",
            _ => string.Empty,
        };
    }
}
