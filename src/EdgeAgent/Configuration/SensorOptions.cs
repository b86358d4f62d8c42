namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>
/// One sensor of this device, as listed under <c>Sensors</c>. Which sensors a device has is configuration, not code;
/// the driver-specific <c>Emulation</c> scenario (and later calibration) sit beside these settings in the same entry.
/// </summary>
public sealed class SensorOptions
{
    /// <summary>The sensor's id on this device, for example <c>env-1</c>; an InfluxDB tag.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>A kind of the wire contract: environment, soil, light, air_quality, fill_level, scale.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The driver, for example <c>bme280</c>.</summary>
    public string Driver { get; set; } = string.Empty;

    /// <summary>The I2C bus number (1 on a Raspberry Pi's header).</summary>
    public int Bus { get; set; } = 1;

    /// <summary>The I2C address as hex, for example <c>0x76</c>.</summary>
    public string? Address { get; set; }

    /// <summary>Time between readings.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The <c>Sensors</c> list of the configuration.</summary>
public sealed class SensorListOptions
{
    public const string Section = "Sensors";

    public List<SensorOptions> Sensors { get; set; } = [];
}
