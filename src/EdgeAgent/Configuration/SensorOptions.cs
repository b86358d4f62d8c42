using System.Globalization;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Configuration;

/// <summary>
/// One sensor of this device, as listed under <c>Sensors</c>. Which sensors a device has is configuration, not code.
/// Driver-specific settings (<c>Calibration</c>, the <c>Emulation</c> scenario) sit beside these in the same entry
/// and are read by the driver.
/// </summary>
public sealed class SensorOptions
{
    /// <summary>The sensor's id on this device, for example <c>env-1</c>; an InfluxDB tag.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>A kind of the wire contract: environment, soil, light, air_quality, fill_level, scale.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>The driver, for example <c>bme280</c>.</summary>
    public string Driver { get; set; } = string.Empty;

    /// <summary>I2C: the bus number (1 on a Raspberry Pi's header).</summary>
    public int Bus { get; set; } = 1;

    /// <summary>I2C: the address as hex, for example <c>0x76</c>; the driver's default address when absent.</summary>
    public string? Address { get; set; }

    /// <summary>GPIO: the driver's pins by role, in BCM numbering, for example <c>{ "Data": 5, "Clock": 6 }</c>.</summary>
    public Dictionary<string, int> Pins { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Serial: the port, for example <c>/dev/ttyUSB0</c> or <c>/dev/serial0</c>.</summary>
    public string? SerialPort { get; set; }

    /// <summary>Serial: the speed; the driver's usual speed when absent.</summary>
    public int? BaudRate { get; set; }

    /// <summary>Time between readings.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The I2C address of this entry: <see cref="Address"/> parsed, or the driver's default.</summary>
    public int I2cAddress(SensorDriver driver)
    {
        ArgumentNullException.ThrowIfNull(driver);
        return TryParseAddress(Address, out var address) ? address : driver.I2cAddresses[0];
    }

    /// <summary>Parses <c>0x76</c> (or <c>118</c>) to an address.</summary>
    public static bool TryParseAddress(string? text, out int address)
    {
        address = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? int.TryParse(text.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out address)
            : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out address);
    }
}

/// <summary>The <c>Sensors</c> list of the configuration.</summary>
public sealed class SensorListOptions
{
    public const string Section = "Sensors";

    public List<SensorOptions> Sensors { get; set; } = [];
}
