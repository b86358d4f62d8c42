using System.ComponentModel.DataAnnotations;
using Pontive.Iot.EdgeAgent.Devices.Bme280;
using Pontive.Iot.EdgeAgent.Devices.Emulation;

namespace Pontive.Iot.EdgeAgent.Devices.FillLevel;

/// <summary>
/// What an emulated distance sensor above a bin sees: rubbish rising while the park is open, back to the bare
/// bottom at each collection. Bound from a fill-level sensor's "Emulation" section; the device scenarios
/// (VL53L0X, HC-SR04) derive from it and add their bus faults.
/// </summary>
/// <remarks>
/// Defaults: a 90 cm bin filling 4 cm an hour from 06:00 to 20:00 local time and emptied at 07:00, so it is
/// nearly empty after the morning collection and about 60 % full at closing.
/// </remarks>
internal class BinFillScenario
{
    // Its own noise channel, so a device scenario can draw other noise from the same seed without correlation.
    private const int DistanceNoiseChannel = 11;

    /// <summary>Distance from the sensor to the bottom of the empty bin.</summary>
    [Range(1, 600)]
    public double BinDepthCm { get; set; } = 90;

    /// <summary>How fast the rubbish rises towards the sensor while the park is open.</summary>
    [Range(0, 100)]
    public double FillCmPerHour { get; set; } = 4;

    /// <summary>Local time the park opens: rubbish starts arriving.</summary>
    public TimeSpan OpenFromLocal { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Local time the park closes: the level stays where it is until the next collection.</summary>
    public TimeSpan OpenUntilLocal { get; set; } = TimeSpan.FromHours(20);

    /// <summary>
    /// Local times of day the bin is emptied; absent, 07:00. Null by default because configuration binding adds to
    /// a list it finds rather than replacing it.
    /// </summary>
    public List<TimeSpan>? CollectionLocalTimes { get; set; }

    /// <summary>The heap never comes nearer the sensor than this (it spills over the rim first).</summary>
    [Range(0, 600)]
    public double OverflowDistanceCm { get; set; } = 5;

    /// <summary>Readings stray from the true level by at most this much, evenly spread (an uneven heap, the beam's footprint).</summary>
    [Range(0, 50)]
    public double NoiseCm { get; set; } = 0.3;

    /// <summary>The same seed gives the same noise at the same instant, run after run.</summary>
    public int NoiseSeed { get; set; } = 1;

    /// <summary>The distance from the sensor to the top of the rubbish at <paramref name="time"/>, noise included.</summary>
    public double DistanceCmAt(DateTimeOffset time)
    {
        var noise = new SeededNoise(NoiseSeed).At(time.UtcTicks, DistanceNoiseChannel) * NoiseCm;
        return Math.Max(0, LevelDistanceCmAt(time) + noise);
    }

    /// <summary>The same without noise: the level a perfect sensor would report.</summary>
    public double LevelDistanceCmAt(DateTimeOffset time)
    {
        var local = time.ToOffset(Bme280Scenario.PontianakUtcOffset);
        var emptiedAt = LastCollection(local);
        var openHours = emptiedAt is null ? double.PositiveInfinity : OpenHoursUntil(local) - OpenHoursUntil(emptiedAt.Value);
        var rise = FillCmPerHour * openHours;
        var distance = double.IsNaN(rise) ? BinDepthCm : BinDepthCm - rise;
        return Math.Clamp(distance, Math.Min(OverflowDistanceCm, BinDepthCm), BinDepthCm);
    }

    /// <summary>The latest collection at or before <paramref name="local"/>; null when the list is empty (never emptied).</summary>
    private DateTimeOffset? LastCollection(DateTimeOffset local)
    {
        DateTimeOffset? latest = null;
        foreach (var timeOfDay in CollectionLocalTimes ?? [TimeSpan.FromHours(7)])
        {
            var today = new DateTimeOffset(local.Date + timeOfDay, local.Offset);
            var candidate = today <= local ? today : today.AddDays(-1);
            if (latest is null || candidate > latest)
            {
                latest = candidate;
            }
        }

        return latest;
    }

    /// <summary>Hours the park has been open from an arbitrary origin until <paramref name="local"/>: differences give open time between two instants.</summary>
    private double OpenHoursUntil(DateTimeOffset local)
    {
        var openPerDay = Math.Max(0, (OpenUntilLocal - OpenFromLocal).TotalHours);
        var days = local.Date.Subtract(DateTime.UnixEpoch.Date).TotalDays;
        var today = Math.Clamp((local.TimeOfDay - OpenFromLocal).TotalHours, 0, openPerDay);
        return (days * openPerDay) + today;
    }
}
