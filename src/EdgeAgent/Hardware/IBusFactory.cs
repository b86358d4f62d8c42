using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>
/// Opens the bus device a driver talks to: the Pi's real bus, or a bus-level emulator of the same chip. Drivers
/// never know which, so the code that runs in tests and the demo is the code that runs in the field.
/// </summary>
public interface IBusFactory
{
    /// <param name="sensor">The sensor entry; <paramref name="sensorSection"/> holds its driver-specific settings (the emulation scenario).</param>
    I2cDevice OpenI2c(SensorOptions sensor, IConfigurationSection sensorSection, int address);
}
