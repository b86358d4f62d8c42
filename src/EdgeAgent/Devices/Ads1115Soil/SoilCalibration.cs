namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>
/// A capacitive probe's two-point calibration, <c>"Calibration": { "DryRaw": 22000, "WetRaw": 9800 }</c>: the raw
/// ADS1115 counts (±4.096 V range) with the probe in open air and standing in water up to its line. A capacitive
/// probe's output voltage falls as the soil around it gets wetter.
/// </summary>
internal sealed class SoilCalibration
{
    /// <summary>The probe in open air: 0 % moisture.</summary>
    public int? DryRaw { get; set; }

    /// <summary>The probe in water: 100 % moisture.</summary>
    public int? WetRaw { get; set; }

    /// <summary>moisture_pct = clamp((DryRaw − raw) / (DryRaw − WetRaw) × 100, 0, 100), to 0.1 %.</summary>
    public double MoisturePercent(int raw)
    {
        var dry = DryRaw ?? throw new InvalidOperationException("Calibration:DryRaw is not set.");
        var wet = WetRaw ?? throw new InvalidOperationException("Calibration:WetRaw is not set.");
        var percent = (double)(dry - raw) / (dry - wet) * 100.0;
        return Math.Round(Math.Clamp(percent, 0.0, 100.0), 1);
    }
}
