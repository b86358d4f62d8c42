using System.Device.I2c;
using Pontive.Iot.EdgeAgent.Devices.Emulation;
using static Pontive.Iot.EdgeAgent.Devices.Bh1750.Bh1750Commands;

namespace Pontive.Iot.EdgeAgent.Devices.Bh1750;

/// <summary>
/// A BH1750FVI on the bus, for the real <c>Iot.Device.Bh1750fvi</c> driver to talk to. It has no registers: each
/// written byte is an instruction (power, reset, measurement mode, measurement time), and a read returns the last
/// finished measurement. Measurements take their datasheet time by the <see cref="TimeProvider"/>: a continuous
/// mode finishes one every cycle, a one-time mode finishes one and powers down, and until a measurement finishes
/// the data register keeps what it had (0 after a reset).
/// </summary>
/// <remarks>
/// Counts follow the datasheet: lux × 1.2 × MTreg / 69 in H-resolution mode, twice that in H-resolution mode 2;
/// L-resolution keeps 4-count steps. The 1.2 is the datasheet's typical sensitivity (it may be 0.96..1.44 on a
/// given chip); counts stop at 65535. Not modelled: the spectral response, the 50/60 Hz flicker rejection, and
/// the asynchronous reset pin.
/// </remarks>
internal sealed class Bh1750Emulator : RegisterMapI2cDevice
{
    /// <summary>ADDR tied low (or left open on most breakouts). 0x5C with ADDR high.</summary>
    public const int DefaultAddress = 0x23;

    private const byte DataRegister = 0x00;

    private readonly Bh1750Scenario _scenario;
    // Guards the chip's state against a test thread; taken inside the base's lock, never around it.
    private readonly Lock _stateGate = new();

    // Each override with the moment it was set, latest last, so a measurement sees the light of when it finished.
    private readonly List<(DateTimeOffset Since, double? Lux)> _overrides = [];
    private bool _poweredOn;
    private byte? _mode;
    private DateTimeOffset _cycleStart;
    private int _measurementTime = DefaultMeasurementTime;

    public Bh1750Emulator(Bh1750Scenario scenario, TimeProvider timeProvider, I2cConnectionSettings? settings = null)
        : base(settings ?? new I2cConnectionSettings(1, DefaultAddress), timeProvider)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        _scenario = scenario;
        ApplyScenarioFaults(scenario.AbsentAtStart, scenario.FailFrom, scenario.FailUntil, scenario.StuckFrom, scenario.StuckUntil);
    }

    /// <summary>
    /// When set, measurements see this illuminance instead of the scenario's, from now on: measurements that
    /// finished before keep the light they saw.
    /// </summary>
    public double? IlluminanceOverride
    {
        get { lock (_stateGate) { return _overrides.Count > 0 ? _overrides[^1].Lux : null; } }
        set
        {
            lock (_stateGate)
            {
                _overrides.Add((TimeProvider.GetUtcNow(), value));
            }
        }
    }

    /// <summary>The measurement-time register (MTreg) as the host last set it.</summary>
    public int MeasurementTime
    {
        get { lock (_stateGate) { return _measurementTime; } }
    }

    // The datasheet allows MTreg 31..254; a value outside is read as the nearest allowed one.
    private int EffectiveMeasurementTime => Math.Clamp(_measurementTime, MinMeasurementTime, MaxMeasurementTime);

    /// <summary>The measurement mode running now; null while powered down or idle.</summary>
    public byte? Mode
    {
        get
        {
            lock (_stateGate)
            {
                Settle(TimeProvider.GetUtcNow());
                return _mode;
            }
        }
    }

    /// <summary>The count a measurement of <paramref name="lux"/> leaves in the data register.</summary>
    public static ushort Count(double lux, byte mode, int measurementTime)
    {
        var count = Math.Max(0, lux) * 1.2 * measurementTime / DefaultMeasurementTime;
        if (IsHighResolution2(mode))
        {
            count *= 2;
        }

        var whole = (int)Math.Min(Math.Floor(count), ushort.MaxValue);
        return IsLowResolution(mode) ? (ushort)(whole & ~0b11) : (ushort)whole;
    }

    /// <summary>How long one measurement takes in <paramref name="mode"/> at MTreg <paramref name="measurementTime"/> (typical).</summary>
    public static TimeSpan Duration(byte mode, int measurementTime) =>
        IsLowResolution(mode) ? LowResolutionTime : HighResolutionTime * measurementTime / DefaultMeasurementTime;

    protected override void HandleHostWrite(ReadOnlySpan<byte> buffer)
    {
        lock (_stateGate)
        {
            var now = TimeProvider.GetUtcNow();
            foreach (var opcode in buffer)
            {
                Settle(now);
                Execute(opcode, now);
            }
        }
    }

    protected override void HandleHostRead(Span<byte> buffer)
    {
        lock (_stateGate)
        {
            Settle(TimeProvider.GetUtcNow());
        }

        for (var i = 0; i < buffer.Length; i++)
        {
            // Past the two data bytes the chip sends nothing and the pulled-up line reads 0xFF.
            buffer[i] = i < 2 ? GetRegister((byte)(DataRegister + i)) : (byte)0xFF;
        }
    }

    private void Execute(byte opcode, DateTimeOffset now)
    {
        switch (opcode)
        {
            case PowerDown:
                _poweredOn = false;
                _mode = null;
                break;
            case PowerOn:
                _poweredOn = true;
                break;
            case Reset:
                if (_poweredOn)
                {
                    PublishMeasurement(DataRegister, [0x00, 0x00]);
                }

                break;
            case var _ when IsMeasurement(opcode):
                // A new instruction starts a new measurement; the data register keeps the last result until it finishes.
                _poweredOn = true;
                _mode = opcode;
                _cycleStart = now;
                break;
            case var _ when (opcode & 0xF8) == MeasurementTimeHighBits:
                _measurementTime = (_measurementTime & 0x1F) | ((opcode & 0x07) << 5);
                break;
            case var _ when (opcode & 0xE0) == MeasurementTimeLowBits:
                _measurementTime = (_measurementTime & 0xE0) | (opcode & 0x1F);
                break;
            default:
                // Not an instruction of the BH1750FVI: ignored.
                break;
        }
    }

    /// <summary>Finishes the measurements due by <paramref name="now"/>: the latest one is what the data register holds.</summary>
    private void Settle(DateTimeOffset now)
    {
        if (_mode is not { } mode)
        {
            return;
        }

        var duration = Duration(mode, EffectiveMeasurementTime);
        var cycles = (long)Math.Floor((now - _cycleStart) / duration);
        if (cycles < 1)
        {
            return;
        }

        if (IsOneTime(mode))
        {
            Publish(_cycleStart + duration, mode);
            _mode = null;
            _poweredOn = false;
            return;
        }

        var finishedAt = _cycleStart + (duration * cycles);
        Publish(finishedAt, mode);
        _cycleStart = finishedAt;
    }

    private double? OverrideAt(DateTimeOffset time)
    {
        for (var i = _overrides.Count - 1; i >= 0; i--)
        {
            if (_overrides[i].Since <= time)
            {
                return _overrides[i].Lux;
            }
        }

        return null;
    }

    private void Publish(DateTimeOffset finishedAt, byte mode)
    {
        var lux = OverrideAt(finishedAt) ?? _scenario.IlluminanceAt(finishedAt);
        var count = Count(lux, mode, EffectiveMeasurementTime);
        PublishMeasurement(DataRegister, [(byte)(count >> 8), (byte)count]);
    }
}
