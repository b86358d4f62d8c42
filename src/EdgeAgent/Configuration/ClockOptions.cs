using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.EdgeAgent.Configuration;

public enum ClockTrustSource
{
    /// <summary>Trusted once systemd-timesyncd has synchronised (it creates <see cref="ClockOptions.SyncedFlagPath"/>): a Raspberry Pi.</summary>
    SystemdTimesync,

    /// <summary>Always trusted: a machine with a real-time clock, the emulated demo, tests.</summary>
    Always,
}

/// <summary>When the device trusts its wall clock (a Raspberry Pi has no real-time clock): section <c>Clock</c>.</summary>
public sealed class ClockOptions
{
    public const string Section = "Clock";

    public ClockTrustSource TrustSource { get; set; } = ClockTrustSource.SystemdTimesync;

    /// <summary>The file systemd-timesyncd creates once the clock is synchronised.</summary>
    [Required]
    public string SyncedFlagPath { get; set; } = "/run/systemd/timesync/synchronized";

    /// <summary>How often the trust source is checked until the clock is trusted.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long readings taken before the clock was trusted are held back, waiting for their times to be corrected.
    /// After that they are sent as they are, flagged <c>clock: unsynced</c>, so an agent without network time still delivers.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan UnsyncedHold { get; set; } = TimeSpan.FromMinutes(10);
}
