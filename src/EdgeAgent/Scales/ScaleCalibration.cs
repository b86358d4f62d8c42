using System.Globalization;

namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// A two-point calibration of a load-cell scale: the raw reading of the empty platform and how many counts one
/// kilogram adds. Kept with its id (the date, as on the label a technician sticks on the platform) so every deposit
/// names the calibration its weight came from, and the weight can be recomputed from its raw counts.
/// </summary>
internal sealed record ScaleCalibration
{
    /// <summary>The id: the date, e.g. <c>2026-11-20</c>; a second calibration the same day is <c>2026-11-20-2</c>.</summary>
    public required string Id { get; init; }

    /// <summary>When the technician saved it.</summary>
    public required DateTimeOffset CalibratedAt { get; init; }

    /// <summary>The raw reading with nothing on the platform.</summary>
    public required long ZeroRaw { get; init; }

    /// <summary>Raw counts per kilogram (negative if the cell's signal wires are crossed; it still weighs right).</summary>
    public required double CountsPerKg { get; init; }

    /// <summary>The raw reading with the known mass on the platform, for the record.</summary>
    public long? SpanRaw { get; init; }

    /// <summary>The known (certified) mass used for the span, for the record.</summary>
    public decimal? KnownMassKg { get; init; }

    /// <summary>
    /// The decimals of a kilogram that one count still changes: 5 (0.01 g) for 42,950 counts/kg. Weights are rounded
    /// to these and no further, so the scale shows what the hardware resolves, not whole grams.
    /// </summary>
    public int Decimals => Math.Clamp((int)Math.Ceiling(-Math.Log10(1.0 / Math.Abs(CountsPerKg))), 0, 9);

    /// <summary>One count in kilograms, to two significant digits (0.000023 kg for 42,950 counts/kg).</summary>
    public decimal ResolutionKg
    {
        get
        {
            var count = 1.0 / Math.Abs(CountsPerKg);
            var digits = Math.Clamp(1 - (int)Math.Floor(Math.Log10(count)), 0, 15);
            return Math.Round((decimal)count, digits);
        }
    }

    /// <summary>The mass (net of <paramref name="tareRaw"/>) that <paramref name="raw"/> means, to <see cref="Decimals"/>.</summary>
    public decimal MassKg(long raw, long tareRaw) =>
        Math.Round((raw - tareRaw) / (decimal)CountsPerKg, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The raw reading <paramref name="massKg"/> above zero should give.</summary>
    public double RawFor(double massKg) => ZeroRaw + (massKg * CountsPerKg);

    /// <summary>A calibration given in configuration rather than made with <see cref="ScaleCalibrator"/>.</summary>
    public static ScaleCalibration FromSettings(string? id, long zeroRaw, double countsPerKg) => new()
    {
        Id = string.IsNullOrWhiteSpace(id) ? "configured" : id,
        CalibratedAt = DateTimeOffset.MinValue,
        ZeroRaw = zeroRaw,
        CountsPerKg = countsPerKg,
    };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Id}: zero {ZeroRaw} counts, {CountsPerKg:0.###} counts/kg");
}
