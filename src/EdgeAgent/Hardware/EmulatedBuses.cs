using System.Collections.Concurrent;
using System.Device.Gpio;
using System.Device.I2c;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>
/// Bus-level emulators in place of the Pi's buses: each sensor entry gets its driver's emulator of the chip, driven
/// by the entry's <c>Emulation</c> scenario, behind the same bus types (<see cref="I2cDevice"/>,
/// <see cref="GpioController"/>, <see cref="Stream"/>) the real driver uses.
/// </summary>
public sealed class EmulatedBuses : IBusFactory
{
    private readonly ConcurrentDictionary<string, object> _emulators = new(StringComparer.Ordinal);

    /// <summary>The emulators created so far, by sensor id, so tests can change conditions or inject faults.</summary>
    public IReadOnlyDictionary<string, object> Emulators => _emulators;

    public I2cDevice OpenI2c(SensorContext context, int address)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Keep(context, context.Driver.CreateI2cEmulator(context, address));
    }

    public GpioController OpenGpio(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new GpioController(Keep(context, context.Driver.CreateGpioEmulator(context)));
    }

    public Stream OpenSerial(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Keep(context, context.Driver.CreateSerialEmulator(context));
    }

    private T Keep<T>(SensorContext context, T emulator)
        where T : notnull
    {
        _emulators[context.Options.Id] = emulator;
        return emulator;
    }
}
