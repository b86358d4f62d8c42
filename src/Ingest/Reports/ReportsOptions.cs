using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Reports;

/// <summary>Who keeps the hourly and daily roll-ups that long reports read.</summary>
public enum RollupMode
{
    /// <summary>Ingest creates the retention policies and continuous queries at start (InfluxDB 1.x only).</summary>
    Managed,

    /// <summary>Someone else keeps them with the same names and fields (InfluxDB 2.x tasks with DBRP mappings); Ingest reads them.</summary>
    External,

    /// <summary>No roll-ups: every report reads raw telemetry.</summary>
    Off,
}

/// <summary>Reports, retention and roll-ups: section <c>Reports</c>.</summary>
public sealed class ReportsOptions
{
    public const string Section = "Reports";

    /// <summary>Default: <see cref="RollupMode.Managed"/> on InfluxDB 1.x, <see cref="RollupMode.Off"/> on 2.x/3.x.</summary>
    public RollupMode? Rollups { get; set; }

    /// <summary>
    /// How long raw telemetry is kept (InfluxDB 1.x). Empty: telemetry stays where Ingest writes everything
    /// (<c>InfluxDb:RetentionPolicy</c>, by default kept forever). Set: telemetry goes to its own retention policy
    /// <see cref="RawRetentionPolicy"/> with this duration, while deposits, voids and statuses stay where they were.
    /// </summary>
    public TimeSpan? RawRetention { get; set; }

    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string RawRetentionPolicy { get; set; } = "raw";

    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string HourlyRetentionPolicy { get; set; } = "rollup_1h";

    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan HourlyRetention { get; set; } = TimeSpan.FromDays(1825);

    [Required]
    [RegularExpression("^[A-Za-z0-9_]{1,64}$")]
    public string DailyRetentionPolicy { get; set; } = "rollup_1d";

    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan DailyRetention { get; set; } = TimeSpan.FromDays(1825);

    /// <summary>How late telemetry may arrive (a device's backlog) and still be counted by the continuous queries.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "31.00:00:00")]
    public TimeSpan RollupLateness { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Ranges up to this long read raw telemetry; longer ones read the roll-ups when the window allows.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan RawReadLimit { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The most points (windows × devices) a sensor history may return; more is refused with a hint.</summary>
    [Range(100, 1_000_000)]
    public int MaxPoints { get; set; } = 20_000;

    /// <summary>The longest range a report may cover.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3660.00:00:00")]
    public TimeSpan MaxRange { get; set; } = TimeSpan.FromDays(1830);

    /// <summary>A device with nothing newer than this before the end of the range (or now) is reported silent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "31.00:00:00")]
    public TimeSpan SilentAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Sampling intervals devices are configured with, for data completeness: keys are a kind (<c>environment</c>) or
    /// one sensor (<c>park-alun-kapuas/park-01/env-1</c>). Without one, the interval seen in the data is used.
    /// </summary>
    public Dictionary<string, TimeSpan> ExpectedIntervals { get; set; } = new(StringComparer.Ordinal);

    [Range(typeof(TimeSpan), "00:00:01", "00:30:00")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>First wait before the roll-up set-up is tried again when InfluxDB is not reachable at start.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SetupRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan SetupRetryDelayMax { get; set; } = TimeSpan.FromMinutes(5);
}
