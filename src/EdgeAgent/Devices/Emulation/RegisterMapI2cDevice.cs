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
/// <see cref="MeasurementsFrozen"/>, <see cref="ScheduleFreeze"/>) act on whole transfers, the way a loose wire
/// or a hung chip shows up on a real bus. One transfer is one call of <see cref="Read"/>, <see cref="Write"/> or
/// <see cref="WriteRead"/>. A chip whose bus protocol is not a byte-wide register pointer (16-bit registers,
/// bare command opcodes) overrides <see cref="HandleHostWrite"/> and <see cref="HandleHostRead"/> and keeps the
/// fault switches and the byte map as its storage.
/// </remarks>
internal abstract class RegisterMapI2cDevice : I2cDevice
{
    private const int RegisterCount = 256;

    private readonly byte[] _registers = new byte[RegisterCount];
    private readonly I2cConnectionSettings _settings;
    private readonly RegisterWriteStyle _writeStyle;
    private readonly List<TimeWindow> _outages = [];
    private readonly List<TimeWindow> _freezes = [];
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

    /// <summary>
    /// From <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive), by the
    /// <see cref="TimeProvider"/>, measurements are held as with <see cref="MeasurementsFrozen"/>: a scenario's stuck value.
    /// </summary>
    public void ScheduleFreeze(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, "A freeze must end after it starts.");
        }

        lock (_gate)
        {
            _freezes.Add(new TimeWindow(start, end));
        }
    }

    /// <summary>
    /// Sets up a scenario's faults: absent from the start, a failure window (unplugged mid-run; an open end
    /// never comes back, an open start begins at once) and a stuck window (measurements held).
    /// </summary>
    public void ApplyScenarioFaults(
        bool absentAtStart,
        DateTimeOffset? failFrom,
        DateTimeOffset? failUntil,
        DateTimeOffset? stuckFrom = null,
        DateTimeOffset? stuckUntil = null)
    {
        Absent = absentAtStart;
        if (failFrom is not null || failUntil is not null)
        {
            ScheduleOutage(failFrom ?? DateTimeOffset.MinValue, failUntil ?? DateTimeOffset.MaxValue);
        }

        if (stuckFrom is not null || stuckUntil is not null)
        {
            ScheduleFreeze(stuckFrom ?? DateTimeOffset.MinValue, stuckUntil ?? DateTimeOffset.MaxValue);
        }
    }

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
            _outages.Add(new TimeWindow(start, end));
        }
    }

    public override void Read(Span<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfTransferFails();
            HandleHostRead(buffer);
        }
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        lock (_gate)
        {
            ThrowIfTransferFails();
            HandleHostWrite(buffer);
        }
    }

    /// <summary>One transfer with a repeated start: a fault fails the whole of it, never just the read half.</summary>
    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        lock (_gate)
        {
            ThrowIfTransferFails();
            HandleHostWrite(writeBuffer);
            HandleHostRead(readBuffer);
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

    /// <summary>
    /// The data of one write from the host, after the fault checks. The default reads it as a register pointer
    /// followed by values (see <see cref="RegisterWriteStyle"/>) and calls <see cref="OnHostWrite"/>.
    /// Runs under the device's lock.
    /// </summary>
    protected virtual void HandleHostWrite(ReadOnlySpan<byte> buffer) => WriteFromHost(buffer);

    /// <summary>
    /// Fills one read by the host, after the fault checks. The default calls <see cref="OnHostRead"/> and
    /// reads on from the register pointer. Runs under the device's lock.
    /// </summary>
    protected virtual void HandleHostRead(Span<byte> buffer) => ReadFromPointer(buffer);

    /// <summary>Whether a published measurement would be held now, by <see cref="MeasurementsFrozen"/> or a <see cref="ScheduleFreeze"/> window.</summary>
    protected bool MeasurementsHeld
    {
        get { lock (_gate) { return _measurementsFrozen || IsInWindow(_freezes, TimeProvider.GetUtcNow()); } }
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
        if (!MeasurementsHeld)
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
        if (_absent || IsInWindow(_outages, TimeProvider.GetUtcNow()))
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

    private static bool IsInWindow(List<TimeWindow> windows, DateTimeOffset now)
    {
        foreach (var window in windows)
        {
            if (now >= window.Start && now < window.End)
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

    private readonly record struct TimeWindow(DateTimeOffset Start, DateTimeOffset End);
}
