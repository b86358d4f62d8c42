using System.Device.Gpio;
using System.Device.I2c;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>
/// Opens the bus a driver talks to: the Pi's real bus, or the driver's bus-level emulator of the same chip. Drivers
/// never know which, so the code that runs in tests and the demo is the code that runs in the field.
/// </summary>
public interface IBusFactory
{
    I2cDevice OpenI2c(SensorContext context, int address);

    GpioController OpenGpio(SensorContext context);

    Stream OpenSerial(SensorContext context);
}
