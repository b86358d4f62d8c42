using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Bme280;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Devices.Bh1750;

/// <summary>
/// Daylight in Pontianak as an emulated BH1750 sees it, bound from the entry's "Emulation" section. The city
/// lies on the equator, so the sun rises near 05:45 and sets near 17:45 local time all year, and passes
/// nearly overhead at solar noon (about 11:43 WIB: the city is 4.3° east of the WIB meridian). Clouds dim
/// the sun for spells of <see cref="CloudSpellMinutes"/>; a canopy lets through a fixed fraction.
/// </summary>
internal sealed class Bh1750Scenario
{
    private const int CloudNoiseChannel = 31;

    /// <summary>Illuminance with the sun overhead under a clear open sky.</summary>
    [Range(0, 200_000)]
    public double ClearSkyNoonLux { get; set; } = 100_000;

    /// <summary>Local time the sun is highest.</summary>
    public TimeSpan SolarNoonLocal { get; set; } = new(11, 43, 0);

    /// <summary>Fraction of daylight that reaches the sensor: 1 under open sky, about 0.2 under a tree canopy.</summary>
    [Range(0, 1)]
    public double CanopyTransmittance { get; set; } = 1;

    /// <summary>How much of the sun a cloud can take away: 0 a cloudless day, 1 a cloud may block it all (diffuse light aside).</summary>
    [Range(0, 1)]
    public double CloudCover { get; set; } = 0.5;

    /// <summary>Clouds change every this many minutes.</summary>
    [Range(1, 1440)]
    public int CloudSpellMinutes { get; set; } = 10;

    public int NoiseSeed { get; set; } = 1;

    /// <summary>The BH1750 is missing from the bus when the agent starts.</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>Start of a window in which every transfer fails (unplugged); without <see cref="FailUntil"/> it never comes back.</summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the failure window; without <see cref="FailFrom"/> it starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    /// <summary>Start of a window in which the data register keeps its last value (a stuck reading).</summary>
    public DateTimeOffset? StuckFrom { get; set; }

    /// <summary>End (exclusive) of the stuck window.</summary>
    public DateTimeOffset? StuckUntil { get; set; }

    /// <summary>The illuminance at the sensor at <paramref name="time"/>, clouds included.</summary>
    public double IlluminanceAt(DateTimeOffset time) => ClearSkyIlluminanceAt(time) * CloudFactorAt(time);

    /// <summary>Without clouds: the clear-sky illuminance through the canopy, 0 between sunset and sunrise.</summary>
    public double ClearSkyIlluminanceAt(DateTimeOffset time)
    {
        var local = time.ToOffset(Bme280Scenario.PontianakUtcOffset).TimeOfDay;

        // On the equator, with the sun's declination left out, the sine of its elevation is the cosine of the hour angle.
        var hourAngle = 2 * Math.PI * (local - SolarNoonLocal).TotalHours / 24;
        var sunElevationSine = Math.Cos(hourAngle);
        return sunElevationSine <= 0 ? 0 : ClearSkyNoonLux * CanopyTransmittance * sunElevationSine;
    }

    /// <summary>1 for a clear spell, down to 1 − <see cref="CloudCover"/> for the thickest cloud.</summary>
    public double CloudFactorAt(DateTimeOffset time)
    {
        var spell = time.UtcTicks / TimeSpan.FromMinutes(CloudSpellMinutes).Ticks;
        var thickness = (new SeededNoise(NoiseSeed).At(spell, CloudNoiseChannel) + 1) / 2;
        return 1 - (CloudCover * thickness);
    }
}
