using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;

/// <summary>
/// The line faults every emulated serial device shares, bound from a sensor's "Emulation" section together with the
/// device's own values over time (each device's scenario derives from this one).
/// </summary>
internal abstract class SerialDeviceScenario
{
    /// <summary>Nothing is connected when the agent starts: the port opens, no byte ever arrives, reads time out.</summary>
    public bool AbsentAtStart { get; set; }

    /// <summary>
    /// Start of a window in which the device is silent and deaf, as if its cable came off (the port itself stays).
    /// Without <see cref="FailUntil"/> it never comes back.
    /// </summary>
    public DateTimeOffset? FailFrom { get; set; }

    /// <summary>End (exclusive) of the silent window. Without <see cref="FailFrom"/> the window starts at once.</summary>
    public DateTimeOffset? FailUntil { get; set; }

    /// <summary>From this instant the device keeps reporting the values it had then (a stuck sensor).</summary>
    public DateTimeOffset? StuckFrom { get; set; }

    /// <summary>Share of frames with one bit flipped in their body, so their checksum (where the format has one) fails.</summary>
    [Range(0.0, 1.0)]
    public double CorruptFrameRate { get; set; }

    /// <summary>Share of frames cut short: only their first bytes arrive (a glitch, a buffer overrun).</summary>
    [Range(0.0, 1.0)]
    public double PartialFrameRate { get; set; }

    /// <summary>Share of frames preceded by 1 to 8 random bytes (line noise, a device booting).</summary>
    [Range(0.0, 1.0)]
    public double GarbageRate { get; set; }

    /// <summary>The same seed gives the same faults on the same frames, run after run.</summary>
    public int FaultSeed { get; set; } = 1;

    /// <summary>Whether <see cref="FailFrom"/> or <see cref="FailUntil"/> asks for a silent window.</summary>
    public bool HasFailureWindow => FailFrom is not null || FailUntil is not null;

    /// <summary>The instant whose values the device reports at <paramref name="time"/>: the time itself, or the moment it got stuck.</summary>
    public DateTimeOffset ValueTime(DateTimeOffset time) => StuckFrom is { } stuck && time > stuck ? stuck : time;

    /// <summary>What is wrong with these settings, named as in configuration (<c>Emulation:CorruptFrameRate</c>).</summary>
    public IEnumerable<string> Problems()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        foreach (var result in results)
        {
            foreach (var member in result.MemberNames)
            {
                yield return $"Emulation:{member}: {result.ErrorMessage}";
            }
        }

        if (FailFrom is { } from && FailUntil is { } until && until <= from)
        {
            yield return "Emulation:FailUntil must come after Emulation:FailFrom";
        }
    }
}
