using System.Globalization;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>The hx711 entry's own settings, beside its Pins; every one has a default that suits the waste-bank kit.</summary>
internal sealed class Hx711Settings
{
    public const string DataRole = "Data";
    public const string ClockRole = "Clock";

    /// <summary>The kit's wiring: DT on GPIO5 (header pin 29), SCK on GPIO6 (pin 31).</summary>
    public static readonly GpioPinAssignment Pins = new(new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
    {
        [DataRole] = 5,
        [ClockRole] = 6,
    });

    /// <summary>Conversions per reading; the reading is their median, so one glitch among three cannot move it.</summary>
    public int ConversionsPerReading { get; set; } = 3;

    /// <summary>
    /// The longest wait for DOUT to signal a conversion before the module is reported missing. The chip converts every
    /// 100 ms at 10 samples a second and needs 400 ms after power-up.
    /// </summary>
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The platform's capacity; readings far outside 0..capacity are corrupted, not weights.</summary>
    public double CapacityKg { get; set; } = 100;

    /// <summary>A conversion this far from the recent ones is held back until the next confirms the load moved.</summary>
    public double GlitchThresholdKg { get; set; } = 0.5;

    /// <summary>Conversions averaged for a tare.</summary>
    public int TareConversions { get; set; } = 5;

    /// <summary>
    /// The scale division: weights are rounded to it, as a platform scale's indicator does. By default (0) a weight
    /// goes to one count of the HX711, about 0.02 g: what the hardware resolves, for a technician checking a cell. A
    /// kit at a waste bank sets a division (the waste-bank profile: 5 g), because a load cell's noise is coarser than
    /// a count and an operator should not read "2,34501 kg" on a receipt. Raw counts are kept with every weight either way.
    /// </summary>
    public double DivisionGrams { get; set; }

    public StabilityOptions Stability { get; set; } = new();

    /// <summary>
    /// A calibration given in configuration (<c>"Calibration": { "Id": "2026-11-20", "ZeroRaw": 84211, "CountsPerKg":
    /// 42950.5 }</c>), used until a technician calibrates with the agent, whose calibration file takes precedence.
    /// </summary>
    public Hx711CalibrationSettings? Calibration { get; set; }

    public static Hx711Settings From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return section.Get<Hx711Settings>() ?? new Hx711Settings();
    }

    /// <summary>What is wrong with these settings, naming each.</summary>
    public IEnumerable<string> Validate()
    {
        if (ConversionsPerReading is < 1 or > 15)
        {
            yield return $"ConversionsPerReading {ConversionsPerReading} must be between 1 and 15";
        }

        if (ReadyTimeout < TimeSpan.FromMilliseconds(50) || ReadyTimeout > TimeSpan.FromSeconds(10))
        {
            yield return $"ReadyTimeout {ReadyTimeout} must be between 00:00:00.05 and 00:00:10 (the chip converts every 100 ms, 400 ms after power-up)";
        }

        if (!double.IsFinite(CapacityKg) || CapacityKg is < 1 or > 1000)
        {
            yield return $"CapacityKg {Number(CapacityKg)} must be between 1 and 1000";
        }

        if (!double.IsFinite(GlitchThresholdKg) || GlitchThresholdKg <= 0 || GlitchThresholdKg > CapacityKg)
        {
            yield return $"GlitchThresholdKg {Number(GlitchThresholdKg)} must be above 0 and at most CapacityKg";
        }

        if (!double.IsFinite(DivisionGrams) || DivisionGrams < 0 || DivisionGrams > 1000)
        {
            yield return $"DivisionGrams {Number(DivisionGrams)} must be between 0 (one count) and 1000";
        }

        if (TareConversions is < 1 or > 50)
        {
            yield return $"TareConversions {TareConversions} must be between 1 and 50";
        }

        foreach (var problem in Stability.Validate())
        {
            yield return problem;
        }

        if (Calibration is { } calibration)
        {
            foreach (var problem in calibration.Validate())
            {
                yield return problem;
            }
        }
    }

    private static string Number(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>A calibration written in the entry: the raw zero and counts per kilogram from an earlier calibration.</summary>
internal sealed class Hx711CalibrationSettings
{
    public string? Id { get; set; }

    public long? ZeroRaw { get; set; }

    public double? CountsPerKg { get; set; }

    public ScaleCalibration? ToCalibration() =>
        ZeroRaw is { } zero && CountsPerKg is { } countsPerKg ? ScaleCalibration.FromSettings(Id, zero, countsPerKg) : null;

    public IEnumerable<string> Validate()
    {
        if (ZeroRaw is null || CountsPerKg is null)
        {
            yield return "Calibration needs both ZeroRaw and CountsPerKg (from an earlier calibration), or leave it out and calibrate with `pontive-agent scale calibrate`";
        }
        else if (!double.IsFinite(CountsPerKg.Value) || Math.Abs(CountsPerKg.Value) < ScaleCalibrator.MinCountsPerKg)
        {
            yield return $"Calibration:CountsPerKg {CountsPerKg.Value.ToString(CultureInfo.InvariantCulture)} is too small for a load cell (at least {ScaleCalibrator.MinCountsPerKg} counts per kg)";
        }
    }
}
