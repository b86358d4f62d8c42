namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>The mass units the agent takes from an indicator, as kilograms per unit. Pounds and counts are refused.</summary>
internal static class IndicatorUnits
{
    public const string Known = "kg, g or t";

    /// <summary>Kilograms in one <paramref name="unit"/> (case and spaces ignored); false for a unit the agent does not take.</summary>
    public static bool TryGetKilograms(string? unit, out decimal kilogramsPerUnit)
    {
        kilogramsPerUnit = unit?.Trim().ToUpperInvariant() switch
        {
            "KG" => 1m,
            "G" => 0.001m,
            "T" => 1000m,
            _ => 0m,
        };
        return kilogramsPerUnit != 0m;
    }
}
