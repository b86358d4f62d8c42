using System.Device.I2c;
using Pontive.Iot.EdgeAgent.Devices.Emulation;
using static Pontive.Iot.EdgeAgent.Devices.Ads1115Soil.Ads1115Registers;

namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>
/// An ADS1115 at register level, for the real <c>Iot.Device.Ads1115</c> driver to talk to: the pointer byte, the
/// 16-bit conversion, config and threshold registers (big-endian), single-shot conversions started by the OS bit
/// and reported through it, continuous mode, the input multiplexer and the PGA's ranges. The inputs carry the
/// scenario's voltages: the soil probe on one channel, the others at a fixed level.
/// </summary>
/// <remarks>
/// A single-shot conversion finishes after 1/DR by the <see cref="TimeProvider"/>, or as soon as the host has seen
/// the OS bit report it busy once: the driver polls OS in a spin loop timed by a stopwatch, which a fake clock
/// would never let finish. Until then the conversion register keeps the previous result, as on the chip. In
/// continuous mode every read of the conversion register returns a fresh conversion. Not modelled: the
/// comparator and the ALERT/RDY pin, the inputs' impedance and the chip's offset and gain errors.
/// </remarks>
internal sealed class Ads1115Emulator : RegisterMapI2cDevice
{
    /// <summary>ADDR tied to GND. 0x49 to VDD, 0x4A to SDA, 0x4B to SCL.</summary>
    public const int DefaultAddress = 0x48;

    /// <summary>How many busy reads of OS the host sees before a conversion is done, whatever the clock.</summary>
    private const int BusyPollsPerConversion = 1;

    private readonly Ads1115Scenario _scenario;
    private readonly int _probeChannel;
    private readonly double?[] _voltsOverride = new double?[4];
    private byte _pointer;
    private PendingConversion? _pending;

    public Ads1115Emulator(Ads1115Scenario scenario, int probeChannel, TimeProvider timeProvider, I2cConnectionSettings? settings = null)
        : base(settings ?? new I2cConnectionSettings(1, DefaultAddress), timeProvider)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentOutOfRangeException.ThrowIfNegative(probeChannel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probeChannel, 3);
        _scenario = scenario;
        _probeChannel = probeChannel;
        StoreRegister(Conversion, 0x0000);
        StoreRegister(Config, ConfigReset);
        StoreRegister(LowThreshold, LowThresholdReset);
        StoreRegister(HighThreshold, HighThresholdReset);
        ApplyScenarioFaults(scenario.AbsentAtStart, scenario.FailFrom, scenario.FailUntil, scenario.StuckFrom, scenario.StuckUntil);
    }

    /// <summary>The config register as last written (OS as written, not as read back).</summary>
    public ushort ConfigRegister => LoadRegister(Config);

    /// <summary>How many conversions have finished since power-on.</summary>
    public int ConversionCount { get; private set; }

    /// <summary>Sets input AIN<paramref name="channel"/> to <paramref name="volts"/> instead of the scenario's value; null gives it back.</summary>
    public void OverrideVolts(int channel, double? volts) => _voltsOverride[channel] = volts;

    /// <summary>What input AIN<paramref name="channel"/> carries now.</summary>
    public double InputVolts(int channel)
    {
        var volts = _voltsOverride[channel]
            ?? (channel == _probeChannel ? _scenario.ProbeVoltsAt(TimeProvider.GetUtcNow()) : _scenario.OtherInputsVolts);

        // The input's ESD diodes clamp it to the supply rails.
        return Math.Clamp(volts, -0.3, _scenario.SupplyVolts + 0.3);
    }

    /// <summary>The ideal code for a differential input: round(V / LSB), limited to the 16-bit two's complement range.</summary>
    public static short Code(double volts, int gain)
    {
        var code = Math.Round(volts / VoltsPerCount(gain), MidpointRounding.AwayFromZero);
        return (short)Math.Clamp(code, short.MinValue, short.MaxValue);
    }

    protected override void HandleHostWrite(ReadOnlySpan<byte> buffer)
    {
        FinishConversionIfDue();

        // An empty write is an address probe: acknowledged, changes nothing.
        if (buffer.IsEmpty)
        {
            return;
        }

        _pointer = (byte)(buffer[0] & PointerMask);
        if (buffer.Length < 3)
        {
            // Only the pointer (or half a register, which the chip discards).
            return;
        }

        var value = (ushort)((buffer[1] << 8) | buffer[2]);
        switch (_pointer)
        {
            case Config:
                WriteConfig(value);
                break;
            case LowThreshold:
            case HighThreshold:
                StoreRegister(_pointer, value);
                break;
            default:
                // The conversion register is read-only.
                break;
        }
    }

    protected override void HandleHostRead(Span<byte> buffer)
    {
        FinishConversionIfDue();
        var value = _pointer switch
        {
            Conversion => ReadConversion(),
            Config => ReadConfig(),
            _ => LoadRegister(_pointer),
        };

        // The datasheet reads two bytes; a longer read here repeats them.
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = (i % 2 == 0) ? (byte)(value >> 8) : (byte)value;
        }
    }

    private void WriteConfig(ushort value)
    {
        StoreRegister(Config, value);
        var singleShot = (value & SingleShotMode) != 0;
        var start = (value & OperationalStatus) != 0;
        if (singleShot && start && _pending is null)
        {
            var duration = TimeSpan.FromSeconds(1.0 / SamplesPerSecond(DataRate(value)));
            _pending = new PendingConversion(value, TimeProvider.GetUtcNow() + duration);
        }
        else if (!singleShot)
        {
            // Continuous mode: conversions run back to back from now on.
            _pending = null;
        }
    }

    private ushort ReadConfig()
    {
        var config = LoadRegister(Config);
        if (_pending is { } pending)
        {
            _pending = pending with { BusyPollsSeen = pending.BusyPollsSeen + 1 };
            return (ushort)(config & ~OperationalStatus);
        }

        // Continuous mode is always converting; a single-shot chip at rest is idle.
        return (config & SingleShotMode) != 0 ? (ushort)(config | OperationalStatus) : (ushort)(config & ~OperationalStatus);
    }

    private ushort ReadConversion()
    {
        var config = LoadRegister(Config);
        if ((config & SingleShotMode) == 0)
        {
            Convert(config);
        }

        return LoadRegister(Conversion);
    }

    private void FinishConversionIfDue()
    {
        if (_pending is { } pending
            && (pending.BusyPollsSeen >= BusyPollsPerConversion || TimeProvider.GetUtcNow() >= pending.DoneAt))
        {
            _pending = null;
            Convert(pending.Config);
        }
    }

    private void Convert(ushort config)
    {
        var (positive, negative) = Inputs(Multiplexer(config));
        var volts = InputVolts(positive) - (negative is { } n ? InputVolts(n) : 0.0);
        var code = (ushort)Code(volts, Gain(config));
        PublishMeasurement(Conversion, [(byte)(code >> 8), (byte)code]);
        ConversionCount++;
    }

    // Register p lives in bytes 2p (MSB) and 2p + 1 (LSB) of the base's map.
    private ushort LoadRegister(byte register) =>
        (ushort)((GetRegister((byte)(2 * register)) << 8) | GetRegister((byte)((2 * register) + 1)));

    private void StoreRegister(byte register, ushort value) =>
        SetRegisters((byte)(2 * register), [(byte)(value >> 8), (byte)value]);

    private readonly record struct PendingConversion(ushort Config, DateTimeOffset DoneAt, int BusyPollsSeen = 0);
}
