using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Bme280;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

/// <summary>
/// The air an emulated particulate sensor (PMS5003, SDS011) breathes over time, bound from the sensor's "Emulation"
/// section. The defaults are Pontianak's: PM2.5 around 20 µg/m³ most of the year, worst in the early morning, and in
/// the haze season (July to October, peat fires in West Kalimantan) smoke days that push it well above 150.
/// </summary>
internal abstract class ParticulateScenario : SerialDeviceScenario
{
    private const int NoiseChannel = 21;
    private const int SmokeDayChannel = 22;

    /// <summary>The yearly mean of PM2.5 outside the haze season.</summary>
    [Range(0, 500)]
    public double Pm25Ugm3 { get; set; } = 20;

    /// <summary>How far the daily cycle moves PM2.5 above and below the mean, in percent of it: highest at 06:00 local, lowest at 18:00.</summary>
    [Range(0, 100)]
    public double DailySwingPercent { get; set; } = 30;

    /// <summary>First month of the haze season (1–12).</summary>
    [Range(1, 12)]
    public int HazeSeasonFromMonth { get; set; } = 7;

    /// <summary>Last month of the haze season (1–12), included.</summary>
    [Range(1, 12)]
    public int HazeSeasonToMonth { get; set; } = 10;

    /// <summary>PM2.5 added by smoke on the worst day, in the middle of the season. 0 turns the haze off.</summary>
    [Range(0, 900)]
    public double HazePeakPm25Ugm3 { get; set; } = 200;

    /// <summary>PM10 as a multiple of PM2.5.</summary>
    [Range(1, 10)]
    public double Pm10ToPm25Ratio { get; set; } = 1.35;

    /// <summary>PM1.0 as a share of PM2.5.</summary>
    [Range(0, 1)]
    public double Pm1ToPm25Ratio { get; set; } = 0.7;

    /// <summary>Readings stray from the model by at most this much, evenly spread.</summary>
    [Range(0, 100)]
    public double NoiseUgm3 { get; set; } = 2;

    /// <summary>The same seed gives the same noise and the same smoke days, run after run.</summary>
    public int NoiseSeed { get; set; } = 1;

    /// <summary>The particulate levels the sensor measures at <paramref name="time"/>, never below zero.</summary>
    public ParticulateLevels LevelsAt(DateTimeOffset time)
    {
        var at = ValueTime(time);
        var local = at.ToOffset(Bme280Scenario.PontianakUtcOffset);
        var noise = new SeededNoise(NoiseSeed);
        var daily = 1 + (DailySwingPercent / 100 * Math.Cos(2 * Math.PI * (local.TimeOfDay.TotalHours - 6) / 24));
        var pm25 = ((Pm25Ugm3 + Smoke(local, noise)) * daily) + (NoiseUgm3 * noise.At(at.UtcTicks, NoiseChannel));
        pm25 = Math.Max(0, pm25);
        return new ParticulateLevels(pm25 * Pm1ToPm25Ratio, pm25, pm25 * Pm10ToPm25Ratio);
    }

    /// <summary>Smoke over the season: rising to the middle of it and falling again, heavier on some days than others.</summary>
    private double Smoke(DateTimeOffset local, SeededNoise noise)
    {
        var seasonStart = new DateTime(local.Year, HazeSeasonFromMonth, 1);
        var seasonEnd = new DateTime(local.Year, HazeSeasonToMonth, 1).AddMonths(1);
        if (HazePeakPm25Ugm3 <= 0 || seasonEnd <= seasonStart || local.DateTime < seasonStart || local.DateTime >= seasonEnd)
        {
            return 0;
        }

        var progress = (local.DateTime - seasonStart) / (seasonEnd - seasonStart);
        var season = Math.Sin(Math.PI * progress);

        // A day's smoke depends on the wind and the fires that day: between a fifth and all of the season's level.
        var dayNumber = local.Date.Ticks / TimeSpan.TicksPerDay;
        var day = 0.2 + (0.8 * (noise.At(dayNumber, SmokeDayChannel) + 1) / 2);
        return HazePeakPm25Ugm3 * season * day;
    }
}

/// <summary>Mass concentrations in µg/m³ of particles up to 1, 2.5 and 10 µm.</summary>
internal readonly record struct ParticulateLevels(double Pm1Ugm3, double Pm25Ugm3, double Pm10Ugm3);
