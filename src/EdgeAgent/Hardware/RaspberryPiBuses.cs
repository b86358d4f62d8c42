using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>The real buses of a Raspberry Pi (I2C bus 1 is on header pins 3 and 5).</summary>
internal sealed class RaspberryPiBuses : IBusFactory
{
    public I2cDevice OpenI2c(SensorOptions sensor, IConfigurationSection sensorSection, int address) =>
        I2cDevice.Create(new I2cConnectionSettings(sensor.Bus, address));
}
