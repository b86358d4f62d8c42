namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>How a sensor is wired to the Raspberry Pi.</summary>
public enum BusKind
{
    /// <summary>I2C bus 1 (header pins 3 and 5), by address.</summary>
    I2c,

    /// <summary>GPIO pins driven by the driver itself (clock/data, trigger/echo).</summary>
    Gpio,

    /// <summary>A serial port: the Pi's UART or a USB adapter.</summary>
    Serial,
}
