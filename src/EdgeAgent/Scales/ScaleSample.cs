namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>
/// One weight from a scale with what is needed to trust and audit it: the raw counts behind it (the deposit's
/// <c>scale</c> field), the tare, the calibration in force, and whether the weight has settled.
/// </summary>
/// <param name="MassKg">Net mass in kilograms, to the resolution the hardware gives (not rounded to whole grams).</param>
/// <param name="Raw">The raw reading behind the weight: ADC counts for a load cell, the indicator's gross value in its smallest division for a scale indicator.</param>
/// <param name="TareRaw">The tare in the same units as <paramref name="Raw"/>.</param>
/// <param name="Calibration">The id (a date) of the calibration in force, e.g. <c>2026-11-20</c>.</param>
/// <param name="IsStable">True when the weight has settled (the stable-weight rule holds); only stable weights may be recorded.</param>
/// <param name="ResolutionKg">The smallest step the hardware resolves, so the kiosk shows as many decimals as are real.</param>
public sealed record ScaleSample(
    decimal MassKg,
    long Raw,
    long TareRaw,
    string Calibration,
    bool IsStable,
    decimal ResolutionKg);
