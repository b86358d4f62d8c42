namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// Settings of an SDS011 entry beside the common ones. The datasheet gives the laser about 8000 hours of running,
/// under a year if it runs all the time; sleeping between readings spares it when readings are minutes apart.
/// </summary>
internal sealed class Sds011Settings
{
    /// <summary>Put the sensor to sleep after each reading and wake it <see cref="WarmUp"/> before the next.</summary>
    public bool SleepBetweenReadings { get; set; }

    /// <summary>How long the fan runs after waking before a reading is taken: 30 s is what Nova Fitness advises.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(30);
}
