using Pontive.Iot.Ingest.Reports.AirQuality;

namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>One ISPU category as a concentration band: from <see cref="From"/> µg/m³ (included) to <see cref="To"/> (excluded; null: no top).</summary>
public sealed record IspuBand(IspuCategory Category, double From, double? To);

/// <summary>
/// The ISPU categories as concentration bands, for drawing behind a PM2.5 or PM10 line. They are found by asking
/// <see cref="Ispu"/> itself at every step of the regulation's resolution (0.1 µg/m³) and noting where the category
/// changes, so the bands on a chart can never disagree with the index the reports compute: the table lives in one place.
/// On a continuous axis a band starts where the category starts (15.6 for Sedang of PM2.5: 15.55 truncates to 15.5,
/// which is still Baik).
/// </summary>
public static class IspuBands
{
    private const decimal Resolution = 0.1m;
    private const decimal TopOfTable = 500m;

    private static readonly Lazy<IReadOnlyList<IspuBand>> Pm25Bands = new(() => Find(IspuParameter.Pm25));
    private static readonly Lazy<IReadOnlyList<IspuBand>> Pm10Bands = new(() => Find(IspuParameter.Pm10));

    public static IReadOnlyList<IspuBand> For(IspuParameter parameter) => parameter == IspuParameter.Pm25 ? Pm25Bands.Value : Pm10Bands.Value;

    private static List<IspuBand> Find(IspuParameter parameter)
    {
        var starts = new List<(IspuCategory Category, decimal From)>();
        for (var concentration = 0m; concentration <= TopOfTable; concentration += Resolution)
        {
            var category = Ispu.Of(parameter, (double)concentration).Category;
            if (starts.Count == 0 || starts[^1].Category != category)
            {
                starts.Add((category, concentration));
            }
        }

        return [.. starts.Select((start, i) => new IspuBand(start.Category, (double)start.From, i + 1 < starts.Count ? (double)starts[i + 1].From : null))];
    }
}
