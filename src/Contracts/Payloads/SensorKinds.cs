using System.Collections.Frozen;
using static Pontive.Iot.Contracts.Payloads.ValueNames;

namespace Pontive.Iot.Contracts.Payloads;

/// <summary>The table of kinds in wire contract v1, with the valid range of every value.</summary>
public static class SensorKinds
{
    public static SensorKind Environment { get; } = Kind("environment",
        (TemperatureC, -40, 85), (HumidityPct, 0, 100), (PressureHpa, 300, 1100));

    public static SensorKind Soil { get; } = Kind("soil", (MoisturePct, 0, 100), (TemperatureC, -40, 85));

    public static SensorKind Light { get; } = Kind("light", (IlluminanceLux, 0, 200_000));

    public static SensorKind AirQuality { get; } = Kind("air_quality",
        (Pm1Ugm3, 0, 1000), (Pm25Ugm3, 0, 1000), (Pm10Ugm3, 0, 1000), (Co2Ppm, 0, 10_000));

    public static SensorKind FillLevel { get; } = Kind("fill_level", (DistanceCm, 0, 600), (FillPct, 0, 100));

    public static SensorKind Scale { get; } = Kind("scale", (MassKg, -5, 1000));

    public static IReadOnlyList<SensorKind> All { get; } = [Environment, Soil, Light, AirQuality, FillLevel, Scale];

    private static readonly FrozenDictionary<string, SensorKind> ByName = All.ToFrozenDictionary(k => k.Name, StringComparer.Ordinal);

    public static bool TryGet(string? name, out SensorKind kind)
    {
        if (name is not null && ByName.TryGetValue(name, out var found))
        {
            kind = found;
            return true;
        }

        kind = null!;
        return false;
    }

    public static string KnownNames => string.Join(", ", All.Select(k => k.Name));

    private static SensorKind Kind(string name, params (string Value, double Min, double Max)[] values) =>
        new(name, values.ToFrozenDictionary(v => v.Value, v => new ValueRange(v.Min, v.Max), StringComparer.Ordinal));
}
