namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// A scale whose calibration is ours to make (a load cell through an HX711; not a verified indicator, which is
/// calibrated in itself): it gives raw readings for <see cref="ScaleCalibrator"/> and takes the result.
/// </summary>
internal interface ICalibratableScale
{
    /// <summary>The sensor id, under which the calibration is stored.</summary>
    string Id { get; }

    /// <summary>The calibration in force, or null before the first one.</summary>
    ScaleCalibration? Calibration { get; }

    /// <summary>A raw reading averaged over <paramref name="readings"/> good conversions, with nothing touching the platform.</summary>
    ValueTask<RawAverage> ReadRawAsync(int readings, CancellationToken cancellationToken);

    /// <summary>Weighs with <paramref name="calibration"/> from now on; the tare returns to its zero.</summary>
    void UseCalibration(ScaleCalibration calibration);
}

/// <summary>Several raw readings summarised: their mean (finer than one count), and their spread to tell a still platform from a moving one.</summary>
internal readonly record struct RawAverage(double Mean, long Lowest, long Highest, int Readings)
{
    public long Spread => Highest - Lowest;

    public static RawAverage Of(IReadOnlyCollection<long> readings)
    {
        ArgumentNullException.ThrowIfNull(readings);
        if (readings.Count == 0)
        {
            throw new ArgumentException("An average needs at least one reading.", nameof(readings));
        }

        return new RawAverage(readings.Average(r => (double)r), readings.Min(), readings.Max(), readings.Count);
    }
}
