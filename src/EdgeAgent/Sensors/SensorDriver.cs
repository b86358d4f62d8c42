using System.Device.Gpio;
using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>
/// One kind of device the agent can run, named in configuration (<c>"Driver": "bme280"</c>). A driver knows its
/// bus, checks its own settings, builds the sensor on the bus it is given, and provides the bus-level emulator of its
/// chip, so the same sensor code runs against real and emulated buses. Each driver lives in its folder under
/// Devices/ and is found by <see cref="SensorDrivers"/> without being listed anywhere else.
/// </summary>
public abstract class SensorDriver
{
    /// <summary>The name used in configuration, lower case.</summary>
    public abstract string Name { get; }

    public abstract SensorKind Kind { get; }

    public abstract BusKind Bus { get; }

    /// <summary>For I2C drivers: the addresses the chip can be strapped to, the first being the default.</summary>
    public virtual IReadOnlyList<int> I2cAddresses => [];

    /// <summary>What is wrong with this driver's own settings in the entry (pins, calibration, port…), in plain words.</summary>
    public virtual IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section) => [];

    /// <summary>Opens the bus through <see cref="SensorContext.Buses"/> and builds the sensor; throws when the device is absent.</summary>
    public abstract ISensor Create(SensorContext context);

    /// <summary>A register-level emulator of the chip at <paramref name="address"/>, driven by the entry's <c>Emulation</c> scenario.</summary>
    public virtual I2cDevice CreateI2cEmulator(SensorContext context, int address) =>
        throw new NotSupportedException($"Driver '{Name}' has no I2C emulator.");

    /// <summary>A pin-level emulator of the wiring (timing of clock, data, echo), driven by the entry's <c>Emulation</c> scenario.</summary>
    public virtual GpioDriver CreateGpioEmulator(SensorContext context) =>
        throw new NotSupportedException($"Driver '{Name}' has no GPIO emulator.");

    /// <summary>A byte-stream emulator of the device on a serial port, driven by the entry's <c>Emulation</c> scenario.</summary>
    public virtual Stream CreateSerialEmulator(SensorContext context) =>
        throw new NotSupportedException($"Driver '{Name}' has no serial emulator.");

    public override string ToString() => Name;
}
