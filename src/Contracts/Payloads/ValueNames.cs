namespace Pontive.Iot.Contracts.Payloads;

/// <summary>The value names of wire contract v1; the unit is in the name.</summary>
public static class ValueNames
{
    public const string TemperatureC = "temperature_c";
    public const string HumidityPct = "humidity_pct";
    public const string PressureHpa = "pressure_hpa";
    public const string MoisturePct = "moisture_pct";
    public const string IlluminanceLux = "illuminance_lux";
    public const string Pm1Ugm3 = "pm1_ugm3";
    public const string Pm25Ugm3 = "pm25_ugm3";
    public const string Pm10Ugm3 = "pm10_ugm3";
    public const string Co2Ppm = "co2_ppm";
    public const string DistanceCm = "distance_cm";
    public const string FillPct = "fill_pct";
    public const string MassKg = "mass_kg";
}
