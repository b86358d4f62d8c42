using System.Collections.Concurrent;
using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Bme280;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>
/// Bus-level emulators in place of the Pi's buses: each sensor entry gets an emulator of its chip, driven by the
/// entry's <c>Emulation</c> scenario, behind the same <see cref="I2cDevice"/> the real driver uses.
/// </summary>
public sealed class EmulatedBuses(TimeProvider time) : IBusFactory
{
    private readonly ConcurrentDictionary<string, I2cDevice> _devices = new(StringComparer.Ordinal);

    /// <summary>The emulators created so far, by sensor id, so tests can change conditions or inject faults.</summary>
    public IReadOnlyDictionary<string, I2cDevice> Devices => _devices;

    public I2cDevice OpenI2c(SensorOptions sensor, IConfigurationSection sensorSection, int address)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        ArgumentNullException.ThrowIfNull(sensorSection);
        var scenario = sensorSection.GetSection("Emulation");
        I2cDevice device = SensorDrivers.TryGet(sensor.Driver, out var driver) && driver == SensorDrivers.Bme280
            ? new Bme280Emulator(scenario.Get<Bme280Scenario>() ?? new Bme280Scenario(), time, new I2cConnectionSettings(sensor.Bus, address))
            : throw new NotSupportedException($"No emulator for driver '{sensor.Driver}'.");
        _devices[sensor.Id] = device;
        return device;
    }
}
