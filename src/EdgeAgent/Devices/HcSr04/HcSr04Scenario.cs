using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary>
/// What an emulated HC-SR04 on a bin lid sees over time, bound from a sensor's "Emulation" configuration section:
/// a fixed distance, or a bin that fills steadily and is emptied when full; with noise, lost and stray echoes.
/// </summary>
internal sealed class HcSr04Scenario
{
    /// <summary>The module's range (datasheet): 2 cm to 400 cm. Farther, no echo comes back in time.</summary>
    public const double MinRangeCm = 2;
    public const double MaxRangeCm = 400;

    /// <summary>The distance below the sensor when no fill cycle is set.</summary>
    [Range(0, 1000)]
    public double DistanceCm { get; set; } = 80;

    /// <summary>With <see cref="FillsIn"/>: the distance to the bottom of the empty bin.</summary>
    [Range(0, 1000)]
    public double EmptyDistanceCm { get; set; } = 90;

    /// <summary>With <see cref="FillsIn"/>: the distance to the rubbish when the bin is emptied.</summary>
    [Range(0, 1000)]
    public double FullDistanceCm { get; set; } = 15;

    /// <summary>The bin fills from empty to full in this time, is emptied and starts again (zero: a fixed <see cref="DistanceCm"/>).</summary>
    public TimeSpan FillsIn { get; set; }

    /// <summary>Each ping strays by at most this much, evenly spread (the module resolves about 0.3 cm).</summary>
    [Range(0, 100)]
    public double NoiseCm { get; set; } = 0.3;

    public int NoiseSeed { get; set; } = 1;

    /// <summary>
    /// Echo pulse width per centimetre of distance: the datasheet's 58 µs (sound at about 345 m/s, there and back).
    /// The binding converts with 34.3 cm/ms (58.3 µs/cm), so it reads 0.5 % short of the distance set here.
    /// </summary>
    [Range(50, 65)]
    public double MicrosecondsPerCm { get; set; } = 58;

    /// <summary>From the trigger's falling edge to the echo's rising edge: the module sends its 8-cycle 40 kHz burst first.</summary>
    public TimeSpan EchoDelay { get; set; } = TimeSpan.FromMicroseconds(450);

    /// <summary>The share of pings whose echo is lost (soft rubbish, a slanted surface): Echo stays high for the module's 38 ms timeout.</summary>
    [Range(0, 1)]
    public double LostEchoRate { get; set; }

    /// <summary>The share of pings answered by a stray echo off the bin's wall, 10 to 30 cm away.</summary>
    [Range(0, 1)]
    public double StrayEchoRate { get; set; }

    /// <summary>The module is not connected when the agent starts: Echo stays low until a test plugs it in.</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>Start of a window in which the module is unplugged. Without <see cref="FailUntil"/> it never comes back.</summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the unplugged window. Without <see cref="FailFrom"/> the window starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    public bool IsUnpluggedAt(DateTimeOffset time) =>
        (FailFrom is not null || FailUntil is not null)
        && time >= (FailFrom ?? DateTimeOffset.MinValue)
        && time < (FailUntil ?? DateTimeOffset.MaxValue);

    /// <summary>The true distance below the sensor at <paramref name="time"/>, before noise.</summary>
    public double DistanceAt(DateTimeOffset time)
    {
        if (FillsIn <= TimeSpan.Zero)
        {
            return DistanceCm;
        }

        // Cycles are counted from the Unix epoch so every instant belongs to one, whenever the agent started.
        var sinceEpoch = time - DateTimeOffset.UnixEpoch;
        var cycles = sinceEpoch / FillsIn;
        var filled = cycles - Math.Floor(cycles);
        return EmptyDistanceCm - ((EmptyDistanceCm - FullDistanceCm) * filled);
    }
}
