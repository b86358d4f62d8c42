namespace Pontive.Iot.Ingest.Reports.AirQuality;

/// <summary>The two particulate parameters of ISPU this project's sensors measure.</summary>
public enum IspuParameter
{
    Pm25,
    Pm10,
}

/// <summary>An ISPU number and its category.</summary>
public readonly record struct IspuValue(int Index, IspuCategory Category);

/// <summary>
/// Indeks Standar Pencemar Udara (ISPU), Indonesia's air quality index, for PM2.5 and PM10, by Peraturan Menteri
/// Lingkungan Hidup dan Kehutanan No. P.14/MENLHK/SETJEN/KUM.1/7/2020 tentang Indeks Standar Pencemar Udara
/// (Lampiran: the conversion table and I = (Ia − Ib) / (Xa − Xb) × (Xx − Xb) + Ib, with Ia/Ib the upper and lower ISPU
/// of the band and Xa/Xb its upper and lower concentration, Xx the measured 24-hour average in µg/m³).
/// Bands, as in the brief and in several independent transcriptions of the table (see docs/reports.md, "ISPU"):
/// PM2.5 0–15.5 → 0–50, 15.6–55.4 → 51–100, 55.5–150.4 → 101–200, 150.5–250.4 → 201–300, 250.5–500 → 301–500;
/// PM10 0–50 → 0–50, 51–150 → 51–100, 151–350 → 101–200, 351–420 → 201–300, 421–500 → 301–500.
/// The table gives PM2.5 to 0.1 µg/m³ and PM10 to 1 µg/m³, so a concentration is first truncated to that resolution
/// (15.55 is 15.5, in the first band; there is no gap between bands); the index is rounded to the nearest whole
/// number, halves away from zero, since ISPU is published in whole numbers. Above 500 µg/m³ the index stays 500, the
/// top of the scale.
/// </summary>
public static class Ispu
{
    private static readonly Band[] Pm25Bands =
    [
        new(0.0m, 15.5m, 0, 50),
        new(15.6m, 55.4m, 51, 100),
        new(55.5m, 150.4m, 101, 200),
        new(150.5m, 250.4m, 201, 300),
        new(250.5m, 500.0m, 301, 500),
    ];

    private static readonly Band[] Pm10Bands =
    [
        new(0m, 50m, 0, 50),
        new(51m, 150m, 51, 100),
        new(151m, 350m, 101, 200),
        new(351m, 420m, 201, 300),
        new(421m, 500m, 301, 500),
    ];

    public static IspuValue Pm25(double microgramsPerCubicMetre) => Of(IspuParameter.Pm25, microgramsPerCubicMetre);

    public static IspuValue Pm10(double microgramsPerCubicMetre) => Of(IspuParameter.Pm10, microgramsPerCubicMetre);

    /// <exception cref="ArgumentOutOfRangeException">The concentration is negative or not a number.</exception>
    public static IspuValue Of(IspuParameter parameter, double microgramsPerCubicMetre)
    {
        if (double.IsNaN(microgramsPerCubicMetre) || microgramsPerCubicMetre < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(microgramsPerCubicMetre), microgramsPerCubicMetre, "A concentration is 0 or more.");
        }

        var (bands, resolution) = parameter == IspuParameter.Pm25 ? (Pm25Bands, 0.1m) : (Pm10Bands, 1m);
        if (double.IsPositiveInfinity(microgramsPerCubicMetre) || microgramsPerCubicMetre >= (double)bands[^1].To)
        {
            return new IspuValue(500, IspuCategory.Berbahaya);
        }

        // Decimal: 15.5 must stay 15.5, where a double would hold 15.4999… and truncate into the wrong band.
        var concentration = Math.Floor((decimal)microgramsPerCubicMetre / resolution) * resolution;
        var band = bands.First(b => concentration <= b.To);
        // The regulation's formula, multiplied before dividing so that decimal arithmetic keeps exact halves exact.
        var index = (band.IndexTo - band.IndexFrom) * (concentration - band.From) / (band.To - band.From) + band.IndexFrom;
        var whole = (int)Math.Round(index, MidpointRounding.AwayFromZero);
        return new IspuValue(whole, IspuCategory.Of(whole));
    }

    /// <summary>The parameter's name as the regulation writes it.</summary>
    public static string Name(this IspuParameter parameter) => parameter == IspuParameter.Pm25 ? "PM2.5" : "PM10";

    private sealed record Band(decimal From, decimal To, int IndexFrom, int IndexTo);
}
