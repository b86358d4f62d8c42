using System.Device.I2c;

namespace Pontive.Iot.EdgeAgent.Devices.Emulation;

/// <summary>
/// An emulated I2C chip behind the real <see cref="I2cDevice"/> API, so the real Iot.Device.Bindings driver
/// runs unchanged against it. It holds a 256-byte register map addressed the way most sensor chips do it:
/// the first byte of a write sets the register pointer, and reads continue from the pointer with
/// auto-increment. A subclass gives the registers their meaning through <see cref="OnHostWrite"/> and
/// <see cref="OnHostRead"/>, and publishes results through <see cref="PublishMeasurement"/>.
/// </summary>
/// <remarks>
/// Fault switches (<see cref="Absent"/>, <see cref="FailNextTransfer"/>, <see cref="ScheduleOutage"/>,
/// <see cref="MeasurementsFrozen"/>) act on whole transfers, the way a loose wire or a hung chip shows up
/// on a real bus. One transfer is one call of <see cref="Read"/>, <see cref="Write"/> or <see cref="WriteRead"/>.
/// </remarks>
internal abstract class RegisterMapI2cDevice : I2cDevice
{
    private const int RegisterCount = 256;

    private readonly byte[] _registers = new byte[RegisterCount];
    private readonly I2cConnectionSettings _settings;
    private readonly RegisterWriteStyle _writeStyle;
    private readonly List<BusOutage> _outages = [];
    private readonly Lock _gate = new();
    private byte _pointer;
    private bool _failNextTransfer;
    private bool _absent;
    private bool _measurementsFrozen;

    protected RegisterMapI2cDevice(
        I2cConnectionSettings settings,
        TimeProvider timeProvider,
        RegisterWriteStyle writeStyle = RegisterWriteStyle.AutoIncrement)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _settings = settings;
        _writeStyle = writeStyle;
        TimeProvider = timeProvider;
    }

    /// <summary>A copy, as the real devices hand out: the settings are immutable once the device exists.</summary>
    public override I2cConnectionSettings ConnectionSettings => new(_settings.BusId, _settings.DeviceAddress);

    /// <summary>
    /// The chip is not on the bus (unplugged, wrong address, no power): every transfer fails with an
    /// <see cref="IOException"/>, as the Linux i2c-dev driver reports a missing acknowledge.
    /// </summary>
    public bool Absent
    {
        get { lock (_gate) { return _absent; } }
        set { lock (_gate) { _absent = value; } }
    }

    /// <summary>
    /// The chip still answers but its measurement registers stop changing (a hung conversion): reads
    /// return the last published values however the conditions move.
    /// </summary>
    public bool MeasurementsFrozen
    {
        get { lock (_gate) { return _measurementsFrozen; } }
        set { lock (_gate) { _measurementsFrozen = value; } }
    }

    protected TimeProvider TimeProvider { get; }

    /// <summary>The next transfer fails with an <see cref="IOException"/> (a glitch on the wire); later ones work.</summary>
    public void FailNextTransfer()
    {
        lock (_gate)
        {
            _failNextTransfer = true;
        }
    }

    /// <summary>
    /// From <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive), by the
    /// <see cref="TimeProvider"/>, the chip behaves as <see cref="Absent"/>.
    /// </summary>
    public void ScheduleOutage(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "An outage must end after it starts.");
        }

        lock (_gate)
        {
            _outages.Add(new BusOutage(start, end));
        }
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfTransferFails();
            ReadFromPointer(buffer);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfTransferFails();
            WriteFromHost(buffer);
        }
    }

    /// <summary>One transfer with a repeated start: a fault fails the whole of it, never just the read half.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            ThrowIfTransferFails();
            WriteFromHost(writeBuffer);
            ReadFromPointer(readBuffer);
        }
    }

    /// <summary>
    /// The host wrote <paramref name="value"/> to <paramref name="register"/>. The default stores it;
    /// a chip overrides this to ignore read-only registers or to start a conversion.
    /// Runs under the device's lock.
    /// </summary>
    protected virtual void OnHostWrite(byte register, byte value) => _registers[register] = value;

    /// <summary>
    /// The host is about to read <paramref name="length"/> registers from <paramref name="firstRegister"/>
    /// (wrapping past 0xFF): the moment to refresh registers a running chip updates by itself.
    /// Runs under the device's lock.
    /// </summary>
    protected virtual void OnHostRead(byte firstRegister, int length)
    {
    }

    protected byte GetRegister(byte register) => _registers[register];

    /// <summary>Sets registers the chip itself owns (identity, calibration, configuration).</summary>
    protected void SetRegisters(byte firstRegister, ReadOnlySpan<byte> values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            _registers[(byte)(firstRegister + i)] = values[i];
        }
    }

    /// <summary>
    /// Publishes a new conversion result. Measurement registers go through here, not
    /// <see cref="SetRegisters"/>, so that <see cref="MeasurementsFrozen"/> can hold them.
    /// </summary>
    protected void PublishMeasurement(byte firstRegister, ReadOnlySpan<byte> values)
    {
        if (!_measurementsFrozen)
        {
            SetRegisters(firstRegister, values);
        }
    }

    /// <summary>True when a read of <paramref name="length"/> registers from <paramref name="first"/> touches [<paramref name="low"/>, <paramref name="high"/>].</summary>
    protected static bool Overlaps(byte first, int length, byte low, byte high)
    {
        for (var i = 0; i < Math.Min(length, RegisterCount); i++)
        {
            var register = (byte)(first + i);
            if (register >= low && register <= high)
            {
                return true;
            }
        }

        return false;
    }

    private void ThrowIfTransferFails()
    {
        if (_absent || IsInOutage(TimeProvider.GetUtcNow()))
        {
            throw new IOException(
                $"Emulated I2C device 0x{_settings.DeviceAddress:X2} on bus {_settings.BusId} did not acknowledge: it is absent from the bus.");
        }

        if (_failNextTransfer)
        {
            _failNextTransfer = false;
            throw new IOException(
                $"Emulated I2C device 0x{_settings.DeviceAddress:X2} on bus {_settings.BusId} failed one transfer (injected fault).");
        }
    }

    private bool IsInOutage(DateTimeOffset now)
    {
        foreach (var outage in _outages)
        {
            if (now >= outage.Start && now < outage.End)
            {
                return true;
            }
        }

        return false;
    }

    private void ReadFromPointer(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
        {
            return;
        }

        OnHostRead(_pointer, buffer.Length);
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = _registers[_pointer];
            _pointer++;
        }
    }

    private void WriteFromHost(ReadOnlySpan<byte> buffer)
    {
        // An empty write is an address probe (what i2cdetect does): acknowledged, changes nothing.
        if (buffer.IsEmpty)
        {
            return;
        }

        if (_writeStyle == RegisterWriteStyle.AddressValuePairs)
        {
            for (var i = 0; i < buffer.Length; i += 2)
            {
                _pointer = buffer[i];
                if (i + 1 < buffer.Length)
                {
                    OnHostWrite(_pointer, buffer[i + 1]);
                }
            }

            return;
        }

        _pointer = buffer[0];
        foreach (var value in buffer[1..])
        {
            OnHostWrite(_pointer, value);
            _pointer++;
        }
    }

    private readonly record struct BusOutage(DateTimeOffset Start, DateTimeOffset End);
}
