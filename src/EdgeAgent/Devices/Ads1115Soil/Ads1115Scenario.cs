using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Bme280;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>
/// What an emulated ADS1115 with a capacitive soil probe sees, bound from the entry's "Emulation" section. The
/// probe's output falls to <see cref="VoltsAfterWatering"/> at each watering and rises steadily as the bed dries,
/// up to <see cref="DryVolts"/>. The defaults: a park bed watered at 06:30 and 17:00 local time.
/// </summary>
internal sealed class Ads1115Scenario
{
    private const int ProbeNoiseChannel = 21;

    /// <summary>VDD of the ADS1115: 3.3 V from the Pi's header. No input can go beyond VDD + 0.3 V.</summary>
    [Range(2.0, 5.5)]
    public double SupplyVolts { get; set; } = 3.3;

    /// <summary>The probe's output just after watering (a capacitive probe v1.2 in soaked soil reads about 1.4 V).</summary>
    [Range(0, 5.5)]
    public double VoltsAfterWatering { get; set; } = 1.45;

    /// <summary>The probe's output in bone-dry soil, about what it reads in air.</summary>
    [Range(0, 5.5)]
    public double DryVolts { get; set; } = 2.75;

    /// <summary>How fast the output rises as the bed dries.</summary>
    [Range(0, 5)]
    public double DryingVoltsPerHour { get; set; } = 0.04;

    /// <summary>
    /// Local times of day the bed is watered; absent, 06:30 and 17:00; empty, never (the probe reads
    /// <see cref="DryVolts"/>). Null by default because configuration binding adds to a list it finds.
    /// </summary>
    public List<TimeSpan>? WateringLocalTimes { get; set; }

    /// <summary>Readings stray from the probe's output by at most this much, evenly spread (the probe's ripple).</summary>
    [Range(0, 1)]
    public double NoiseVolts { get; set; } = 0.004;

    /// <summary>What the inputs without a probe read.</summary>
    [Range(0, 5.5)]
    public double OtherInputsVolts { get; set; }

    public int NoiseSeed { get; set; } = 1;

    /// <summary>The ADS1115 is missing from the bus when the agent starts.</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>Start of a window in which every transfer fails (unplugged); without <see cref="FailUntil"/> it never comes back.</summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the failure window; without <see cref="FailFrom"/> it starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    /// <summary>Start of a window in which the conversion register keeps its last value (a stuck reading).</summary>
    public DateTimeOffset? StuckFrom { get; set; }

    /// <summary>End (exclusive) of the stuck window.</summary>
    public DateTimeOffset? StuckUntil { get; set; }

    /// <summary>The probe's output at <paramref name="time"/>, noise included.</summary>
    public double ProbeVoltsAt(DateTimeOffset time)
    {
        var noise = new SeededNoise(NoiseSeed).At(time.UtcTicks, ProbeNoiseChannel) * NoiseVolts;
        return ProbeLevelVoltsAt(time) + noise;
    }

    /// <summary>The probe's output without noise.</summary>
    public double ProbeLevelVoltsAt(DateTimeOffset time)
    {
        var local = time.ToOffset(Bme280Scenario.PontianakUtcOffset);
        var hoursSinceWatering = double.PositiveInfinity;
        foreach (var timeOfDay in WateringLocalTimes ?? [new(6, 30, 0), new(17, 0, 0)])
        {
            var today = new DateTimeOffset(local.Date + timeOfDay, local.Offset);
            var last = today <= local ? today : today.AddDays(-1);
            hoursSinceWatering = Math.Min(hoursSinceWatering, (local - last).TotalHours);
        }

        if (double.IsPositiveInfinity(hoursSinceWatering))
        {
            return DryVolts;
        }

        return Math.Min(DryVolts, VoltsAfterWatering + (DryingVoltsPerHour * hoursSinceWatering));
    }
}
