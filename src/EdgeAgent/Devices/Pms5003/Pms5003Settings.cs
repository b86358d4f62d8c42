namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// Settings of a PMS5003 entry beside the common ones. The fan and laser wear out (the data manual gives the laser
/// a life of about three years of running); sleeping between readings spares them when readings are minutes apart.
/// </summary>
internal sealed class Pms5003Settings
{
    /// <summary>Put the sensor to sleep after each reading and wake it <see cref="WarmUp"/> before the next.</summary>
    public bool SleepBetweenReadings { get; set; }

    /// <summary>How long the fan runs after waking before a reading is taken: the data manual asks for at least 30 s.</summary>
    public TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(30);
}
