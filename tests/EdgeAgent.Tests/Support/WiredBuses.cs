using System.Collections.Concurrent;
using System.Device.Gpio;
using System.Device.I2c;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>
/// Buses for the sampler tests: each sensor's chip is its driver's own I2C emulator, reached through a
/// <see cref="SensorWire"/> the test controls (no adapter, a cut wire, a slow bus), so the sampler runs the real driver
/// and meets the faults a Raspberry Pi meets.
/// </summary>
internal sealed class WiredBuses(DeviceClock clock) : IBusFactory
{
    private readonly ConcurrentDictionary<string, SensorWire> _wires = new(StringComparer.Ordinal);

    public SensorWire Wire(string sensorId) => _wires.GetOrAdd(sensorId, _ => new SensorWire());

    public I2cDevice OpenI2c(SensorContext context, int address)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wire = Wire(context.Options.Id);
        wire.Opening(clock.GetUtcNow());
        return new WiredI2cDevice(context.Driver.CreateI2cEmulator(context, address), wire, clock);
    }

    public GpioController OpenGpio(SensorContext context) => throw new NotSupportedException("The sampler tests use I2C sensors.");

    public Stream OpenSerial(SensorContext context) => throw new NotSupportedException("The sampler tests use I2C sensors.");

    private sealed class WiredI2cDevice(I2cDevice chip, SensorWire wire, DeviceClock clock) : I2cDevice
    {
        public override I2cConnectionSettings ConnectionSettings => chip.ConnectionSettings;

        public override void Read(Span<byte> buffer)
        {
            Transfer();
            chip.Read(buffer);
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Transfer();
            chip.Write(buffer);
        }

        public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
        {
            Transfer();
            chip.WriteRead(writeBuffer, readBuffer);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                chip.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Transfer()
        {
            if (wire.IsCut)
            {
                throw new IOException("Remote I/O error (the chip did not acknowledge)");
            }

            if (wire.TransferTime > TimeSpan.Zero)
            {
                clock.Advance(wire.TransferTime);
            }
        }
    }
}

/// <summary>What stands between the Pi and one sensor's chip.</summary>
internal sealed class SensorWire
{
    private readonly Lock _gate = new();
    private readonly List<DateTimeOffset> _opened = [];
    private int _failingOpens;

    /// <summary>The chip does not answer: every transfer fails, as with a loose or cut wire.</summary>
    public bool IsCut { get; set; }

    /// <summary>How far each transfer moves the clock: a slow bus or a chip that takes its time.</summary>
    public TimeSpan TransferTime { get; set; }

    /// <summary>When the driver opened the bus to build the sensor: one entry per attempt to create it.</summary>
    public IReadOnlyList<DateTimeOffset> Opened
    {
        get
        {
            lock (_gate)
            {
                return [.. _opened];
            }
        }
    }

    /// <summary>The next <paramref name="count"/> attempts to open the bus fail (the I2C adapter is not there yet).</summary>
    public void FailOpens(int count)
    {
        lock (_gate)
        {
            _failingOpens = count;
        }
    }

    public void Opening(DateTimeOffset at)
    {
        lock (_gate)
        {
            _opened.Add(at);
            if (_failingOpens > 0)
            {
                _failingOpens--;
                throw new IOException("Error 2 performing I2C data transfer: /dev/i2c-1 does not exist");
            }
        }
    }
}
