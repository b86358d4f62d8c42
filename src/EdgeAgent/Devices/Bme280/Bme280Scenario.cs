using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>
/// The weather an emulated BME280 sees over time, bound from a sensor's "Emulation" configuration
/// section. The defaults are a Pontianak day: 27 °C, 80 % and 1009 hPa on average, warmest and driest at
/// 14:00 local time.
/// </summary>
internal sealed class Bme280Scenario
{
    /// <summary>Pontianak keeps Western Indonesia Time (WIB) all year: no daylight saving.</summary>
    public static readonly TimeSpan PontianakUtcOffset = TimeSpan.FromHours(7);

    /// <summary>Local time of the daily temperature peak (and humidity low).</summary>
    public static readonly TimeSpan WarmestLocalTime = TimeSpan.FromHours(14);

    // Each quantity draws its noise from its own channel, so the three do not move in step.
    private const int TemperatureNoiseChannel = 1;
    private const int HumidityNoiseChannel = 2;
    private const int PressureNoiseChannel = 3;

    /// <summary>Daily mean temperature.</summary>
    [Range(Bme280Conditions.MinTemperatureCelsius, Bme280Conditions.MaxTemperatureCelsius)]
    public double TemperatureCelsius { get; set; } = 27;

    /// <summary>Daily mean relative humidity.</summary>
    [Range(0, 100)]
    public double RelativeHumidityPercent { get; set; } = 80;

    /// <summary>Station pressure (not reduced to sea level); Pontianak is near sea level.</summary>
    [Range(Bme280Conditions.MinPressureHectopascals, Bme280Conditions.MaxPressureHectopascals)]
    public double PressureHectopascals { get; set; } = 1009;

    /// <summary>Amplitude of the daily temperature cycle: the peak at 14:00 is the mean plus this, the low at 02:00 the mean minus this.</summary>
    [Range(0, 40)]
    public double DailyTemperatureSwingCelsius { get; set; } = 4;

    /// <summary>Amplitude of the daily humidity cycle, which runs opposite to temperature: lowest at 14:00.</summary>
    [Range(0, 50)]
    public double DailyHumiditySwingPercent { get; set; } = 12;

    /// <summary>Readings stray from the daily cycle by at most this much, evenly spread.</summary>
    [Range(0, 10)]
    public double TemperatureNoiseCelsius { get; set; } = 0.1;

    [Range(0, 20)]
    public double HumidityNoisePercent { get; set; } = 0.5;

    [Range(0, 10)]
    public double PressureNoiseHectopascals { get; set; } = 0.1;

    /// <summary>The same seed gives the same noise at the same instant, run after run.</summary>
    public int NoiseSeed { get; set; } = 1;

    /// <summary>The sensor is missing from the bus when the agent starts (until a test or operator plugs it in).</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>
    /// Start of a window in which every bus transfer to the sensor fails, as if a wire came loose.
    /// Without <see cref="FailUntil"/> the sensor never comes back.
    /// </summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the failure window. Without <see cref="FailFrom"/> the window starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    /// <summary>Whether <see cref="FailFrom"/> or <see cref="FailUntil"/> asks for a failure window.</summary>
    public bool HasFailureWindow => FailFrom is not null || FailUntil is not null;

    /// <summary>The conditions at <paramref name="time"/>: mean, daily cycle and noise, kept inside the chip's range.</summary>
    public Bme280Conditions ConditionsAt(DateTimeOffset time)
    {
        var cycle = DailyCycle(time);
        var noise = new SeededNoise(NoiseSeed);
        var key = time.UtcTicks;
        return new Bme280Conditions(
            TemperatureCelsius + (DailyTemperatureSwingCelsius * cycle) + (TemperatureNoiseCelsius * noise.At(key, TemperatureNoiseChannel)),
            RelativeHumidityPercent - (DailyHumiditySwingPercent * cycle) + (HumidityNoisePercent * noise.At(key, HumidityNoiseChannel)),
            PressureHectopascals + (PressureNoiseHectopascals * noise.At(key, PressureNoiseChannel)))
            .ClampedToOperatingRange();
    }

    /// <summary>+1 at 14:00 local, -1 at 02:00, 0 at 08:00 and 20:00.</summary>
    private static double DailyCycle(DateTimeOffset time)
    {
        var local = time.ToOffset(PontianakUtcOffset).TimeOfDay;
        var fromPeak = (local - WarmestLocalTime).TotalHours;
        return Math.Cos(2 * Math.PI * fromPeak / 24);
    }
}
