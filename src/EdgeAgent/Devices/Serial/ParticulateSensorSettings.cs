namespace Pontive.Iot.EdgeAgent.Devices.Serial;

/// <summary>
/// Settings a particulate sensor entry has beside the common ones. A laser and a fan that run all the time wear out
/// within a few years or less; sleeping between readings spares them when readings are minutes apart.
/// </summary>
internal abstract class ParticulateSensorSettings
{
    /// <summary>Put the sensor to sleep after each reading and wake it <see cref="WarmUp"/> before the next.</summary>
    public bool SleepBetweenReadings { get; set; }

    /// <summary>How long the fan runs after waking before a reading is taken: both makers ask for 30 s.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(30);
}
