using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>The ads1115-soil entry's own settings: the ADC input the probe is wired to, and its calibration.</summary>
internal sealed class SoilProbeSettings
{
    /// <summary>Largest single-ended count: +4.096 V would be 32768, and the code stops one short.</summary>
    public const int MaxRaw = 32767;

    /// <summary>
    /// DryRaw and WetRaw closer than this (0.1 V) cannot be a real probe's air and water readings, which lie about
    /// 1.6 V apart; a smaller span would turn the ADC's noise into whole percent.
    /// </summary>
    public const int MinSpanRaw = 800;

    /// <summary>Single-ended input A0..A3 the probe's AOUT is wired to.</summary>
    public int Channel { get; set; }

    public SoilCalibration? Calibration { get; set; }

    /// <summary>Binds the entry; a value that is not a number comes back as <paramref name="problem"/>.</summary>
    public static SoilProbeSettings From(IConfigurationSection section, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(section);
        try
        {
            problem = null;
            return section.Get<SoilProbeSettings>() ?? new SoilProbeSettings();
        }
        catch (InvalidOperationException exception)
        {
            problem = $"Channel and Calibration must be whole numbers: {exception.Message}";
            return new SoilProbeSettings();
        }
    }

    public IEnumerable<string> Validate()
    {
        if (Channel is < 0 or > 3)
        {
            yield return $"Channel {Channel} is not an ADS1115 input: use 0, 1, 2 or 3 for A0..A3";
        }

        if (Calibration?.DryRaw is not { } dry || Calibration.WetRaw is not { } wet)
        {
            yield return "Calibration:DryRaw and Calibration:WetRaw are required: the probe's raw counts in open air and in water (see the ads1115-soil README)";
            yield break;
        }

        var outOfRange = false;
        foreach (var (name, value) in new[] { ("DryRaw", dry), ("WetRaw", wet) })
        {
            if (value is < 0 or > MaxRaw)
            {
                outOfRange = true;
                yield return $"Calibration:{name} {Count(value)} is not an ADS1115 reading: single-ended counts run 0..{Count(MaxRaw)} (±4.096 V range, 125 µV a count)";
            }
        }

        if (outOfRange)
        {
            // Comparing the two would only repeat the same mistake.
            yield break;
        }

        if (dry <= wet)
        {
            yield return "Calibration:DryRaw must be above Calibration:WetRaw (a dry probe reads higher)";
        }
        else if (dry - wet < MinSpanRaw)
        {
            yield return $"Calibration:DryRaw and Calibration:WetRaw are only {Count(dry - wet)} counts apart; a capacitive probe spans about 12,800 (1.2 V wet to 2.8 V dry): calibrate again";
        }
    }

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
