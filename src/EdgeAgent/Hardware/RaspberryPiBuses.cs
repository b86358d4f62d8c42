using System.Device.Gpio;
using System.Device.I2c;
using System.IO.Ports;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>The real buses of a Raspberry Pi: I2C bus 1 on header pins 3 and 5, the GPIO header, serial ports.</summary>
internal sealed class RaspberryPiBuses : IBusFactory, IDisposable
{
    private readonly Lazy<GpioController> _gpio = new(() => new GpioController());

    public I2cDevice OpenI2c(SensorContext context, int address)
    {
        ArgumentNullException.ThrowIfNull(context);
        return I2cDevice.Create(new I2cConnectionSettings(context.Options.Bus, address));
    }

    /// <summary>One controller for the whole header, shared by the GPIO sensors (each uses its own pins).</summary>
    public GpioController OpenGpio(SensorContext context) => _gpio.Value;

    public Stream OpenSerial(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var port = new SerialPort(context.Options.SerialPort ?? "/dev/serial0", context.Options.BaudRate ?? 9600)
        {
            ReadTimeout = 2000,
            WriteTimeout = 2000,
        };
        port.Open();
        return port.BaseStream;
    }

    public void Dispose()
    {
        if (_gpio.IsValueCreated)
        {
            _gpio.Value.Dispose();
        }
    }
}
