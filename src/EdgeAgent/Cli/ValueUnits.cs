using System.Globalization;

namespace Pontive.Iot.EdgeAgent.Cli;

/// <summary>The unit of a contract value, read from its name's suffix, for people reading a terminal.</summary>
internal static class ValueUnits
{
    private static readonly (string Suffix, string Unit)[] Suffixes =
    [
        ("_c", "°C"), ("_pct", "%"), ("_hpa", "hPa"), ("_lux", "lx"), ("_ugm3", "µg/m³"), ("_ppm", "ppm"), ("_cm", "cm"), ("_kg", "kg"),
    ];

    public static string Format(string name, double value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var unit = Suffixes.FirstOrDefault(s => name.EndsWith(s.Suffix, StringComparison.Ordinal)).Unit ?? string.Empty;
        var number = value.ToString(name.EndsWith("_kg", StringComparison.Ordinal) ? "0.000" : "0.##", CultureInfo.InvariantCulture);
        return unit.Length == 0 ? $"{name} {number}" : $"{name} {number} {unit}";
    }
}
