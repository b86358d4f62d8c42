using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>What the contract's value names mean, in Indonesian and English, for headings and selectors.</summary>
public static class FieldNames
{
    /// <summary>The value a chart shows first for each kind when none is chosen.</summary>
    public static string Preferred(SensorKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return kind.Name switch
        {
            "air_quality" => ValueNames.Pm25Ugm3,
            "environment" => ValueNames.TemperatureC,
            "soil" => ValueNames.MoisturePct,
            "light" => ValueNames.IlluminanceLux,
            "fill_level" => ValueNames.FillPct,
            "scale" => ValueNames.MassKg,
            _ => kind.Values.Keys.Order(StringComparer.Ordinal).First(),
        };
    }

    /// <summary>(Indonesian, English) name of a value of a kind, without unit: ("Suhu tanah", "Soil temperature").</summary>
    public static (string Id, string En) Of(string kind, string field) => (kind, field) switch
    {
        ("soil", ValueNames.TemperatureC) => ("Suhu tanah", "Soil temperature"),
        (_, ValueNames.TemperatureC) => ("Suhu udara", "Air temperature"),
        (_, ValueNames.HumidityPct) => ("Kelembapan udara", "Humidity"),
        (_, ValueNames.PressureHpa) => ("Tekanan udara", "Air pressure"),
        (_, ValueNames.MoisturePct) => ("Kelembapan tanah", "Soil moisture"),
        (_, ValueNames.IlluminanceLux) => ("Intensitas cahaya", "Illuminance"),
        (_, ValueNames.Pm1Ugm3) => ("PM1", "PM1"),
        (_, ValueNames.Pm25Ugm3) => ("PM2.5", "PM2.5"),
        (_, ValueNames.Pm10Ugm3) => ("PM10", "PM10"),
        (_, ValueNames.Co2Ppm) => ("CO₂", "CO₂"),
        (_, ValueNames.DistanceCm) => ("Jarak", "Distance"),
        (_, ValueNames.FillPct) => ("Tingkat isi", "Fill level"),
        (_, ValueNames.MassKg) => ("Massa", "Mass"),
        _ => (field, field),
    };

    /// <summary>(Indonesian, English) name of a kind of sensor.</summary>
    public static (string Id, string En) OfKind(string kind) => kind switch
    {
        "air_quality" => ("Kualitas udara", "Air quality"),
        "environment" => ("Cuaca", "Weather"),
        "soil" => ("Tanah", "Soil"),
        "light" => ("Cahaya", "Light"),
        "fill_level" => ("Tingkat isi tong", "Bin fill level"),
        "scale" => ("Timbangan", "Scale"),
        _ => (kind, kind),
    };
}
