using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>A driver the agent knows: its configuration name, the kind it reports, and the I2C addresses it may sit at.</summary>
public sealed record SensorDriver(string Name, SensorKind Kind, IReadOnlyList<int> I2cAddresses)
{
    public bool IsI2c => I2cAddresses.Count > 0;
}

/// <summary>Every driver the agent can run, by the name used in configuration.</summary>
public static class SensorDrivers
{
    /// <summary>Bosch BME280 temperature, humidity and pressure over I2C (Iot.Device.Bmxx80.Bme280).</summary>
    public static SensorDriver Bme280 { get; } = new("bme280", SensorKinds.Environment, [0x76, 0x77]);

    public static IReadOnlyList<SensorDriver> All { get; } = [Bme280];

    public static bool TryGet(string? name, out SensorDriver driver)
    {
        driver = All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return driver is not null;
    }

    public static string KnownNames => string.Join(", ", All.Select(d => d.Name));
}
