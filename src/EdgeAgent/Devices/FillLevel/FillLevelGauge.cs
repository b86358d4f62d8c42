using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Devices.FillLevel;

/// <summary>
/// The fill arithmetic: 0 % at <see cref="BinDepthCm"/> (the empty bin's bottom), 100 % at
/// <see cref="FullDistanceCm"/>, linear in between, clamped to 0..100 (a reading past the bottom, or an item
/// sticking up into the blind zone, is still an empty or a full bin).
/// </summary>
internal readonly record struct FillLevelGauge
{
    public FillLevelGauge(double binDepthCm, double fullDistanceCm)
    {
        if (!(fullDistanceCm < binDepthCm))
        {
            throw new ArgumentOutOfRangeException(nameof(fullDistanceCm), fullDistanceCm, "The full distance must be below the bin depth.");
        }

        BinDepthCm = binDepthCm;
        FullDistanceCm = fullDistanceCm;
    }

    public double BinDepthCm { get; }

    public double FullDistanceCm { get; }

    /// <summary>
    /// fill_pct = clamp((BinDepthCm − d) / (BinDepthCm − FullDistanceCm) × 100, 0, 100), to 0.1 %: a millimetre
    /// in a one-metre bin, finer than either sensor resolves.
    /// </summary>
    public double FillPercent(double distanceCm)
    {
        var fill = (BinDepthCm - distanceCm) / (BinDepthCm - FullDistanceCm) * 100.0;
        return Math.Round(Math.Clamp(fill, 0.0, 100.0), 1);
    }

    /// <summary>
    /// The values of one fill-level reading by their contract names. <paramref name="distanceCm"/> is rounded by
    /// the caller to what its sensor resolves.
    /// </summary>
    public IReadOnlyDictionary<string, double> Values(double distanceCm) => new Dictionary<string, double>(2, StringComparer.Ordinal)
    {
        [ValueNames.DistanceCm] = distanceCm,
        [ValueNames.FillPct] = FillPercent(distanceCm),
    };
}
