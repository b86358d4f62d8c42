using System.Device.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Emulation;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary>
/// An HX711 board at pin level, for the real <c>Iot.Device.Hx711</c> binding to clock: DOUT (DT) falls when a
/// conversion is ready, each rising edge of PD_SCK shifts out one bit of a 24-bit two's complement value, MSB
/// first, and the 25th to 27th pulses choose the gain and channel of the next conversion (datasheet tables 3 and 4).
/// PD_SCK held high for more than 60 µs powers the chip down: DOUT goes high, the bits still to come read as ones,
/// and when PD_SCK falls the chip resets to channel A, gain 128 and needs its settling time before the next
/// conversion. Unplugged, DOUT floats and the Pi's pull-up on BCM 5 reads it high.
/// </summary>
/// <remarks>
/// Pulse widths and conversion times are real time (<see cref="PinClock"/>); the mass on the platform follows the
/// scenario on the agent's <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class Hx711Emulator : EmulatedGpioPart
{
    /// <summary>Datasheet: PD_SCK high for more than 60 µs enters power-down.</summary>
    public static readonly TimeSpan PowerDownAfter = TimeSpan.FromMicroseconds(60);

    public const int MaxCounts = (1 << 23) - 1;
    public const int MinCounts = -(1 << 23);

    /// <summary>How far a spike moves a conversion.</summary>
    public const int SpikeCounts = 400_000;

    private const int DataBits = 24;
    private const int MaxPulsesPerRead = 27;
    private const int NoiseChannel = 2;

    private static readonly long PowerDownTicks = PinClock.From(PowerDownAfter);

    private readonly Hx711Scenario _scenario;
    private readonly TimeProvider _time;
    private readonly long _conversionTicks;
    private readonly long _settlingTicks;
    private readonly Lock _gate = new();
    private readonly Queue<Hx711Glitch> _injectedGlitches = new();

    private bool _absent;
    private bool _wasUnplugged;
    private bool _valueStuck;
    private ManualLoad? _manualLoad;
    private int _unplugAfterDataReads = -1;
    private int _powerDownAtPulse;

    // The chip, in PinClock ticks.
    private bool _clockHigh;
    private long _clockRoseAt;
    private bool _forcedPowerDown;
    private long _readyAt;
    private int _pulsesInRead;
    private int _shiftRegister;
    private Hx711Channel _nextChannel = Hx711Channel.AGain128;
    private long _conversions;
    private long _reads;
    private int _lastCounts;
    private int _powerDowns;
    private bool _hasRun;
    private long _dataReads;

    public Hx711Emulator(Hx711Scenario scenario, TimeProvider time, int dataPin = 5, int clockPin = 6)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(time);
        _scenario = scenario;
        _time = time;
        DataPin = dataPin;
        ClockPin = clockPin;
        Pins = [dataPin, clockPin];
        _conversionTicks = PinClock.From(scenario.ConversionPeriod);
        _settlingTicks = PinClock.From(scenario.SettlingAfterPowerUp);
        _absent = scenario.AbsentAtStart;

        // Until the host drives PD_SCK the chip is as the Pi's pull leaves it; see OnHostEdge.
        _readyAt = PinClock.Now + _settlingTicks;
    }

    public int DataPin { get; }

    public int ClockPin { get; }

    public override IReadOnlyCollection<int> Pins { get; }

    public Hx711Scenario Scenario => _scenario;

    /// <summary>The module is unplugged: DOUT floats (reads high through the Pi's pull-up) and pulses do nothing.</summary>
    public bool Absent
    {
        get { lock (_gate) { return _absent; } }
        set { lock (_gate) { _absent = value; } }
    }

    /// <summary>The chip keeps answering with the last conversion's value however the load changes (a stuck value).</summary>
    public bool ValueStuck
    {
        get { lock (_gate) { return _valueStuck; } }
        set { lock (_gate) { _valueStuck = value; } }
    }

    /// <summary>Times the running chip powered down (PD_SCK high too long, or an injected preemption) and started again.</summary>
    public int PowerDowns
    {
        get { lock (_gate) { return _powerDowns; } }
    }

    /// <summary>Conversions shifted out to the host so far.</summary>
    public long ConversionsRead
    {
        get { lock (_gate) { return _conversions; } }
    }

    /// <summary>Times the host has looked at DOUT: it stops growing when nothing polls the pin any more.</summary>
    public long DataReads
    {
        get { lock (_gate) { return _dataReads; } }
    }

    /// <summary>The gain and channel the chip will convert with next, as the last read's pulse count chose.</summary>
    public Hx711Channel NextChannel
    {
        get { lock (_gate) { return _nextChannel; } }
    }

    /// <summary>The mass on the platform now, by the scenario or by <see cref="PlaceLoad"/>.</summary>
    public double CurrentMassKg
    {
        get { lock (_gate) { return MassAt(_time.GetUtcNow()); } }
    }

    /// <summary>The load on the platform becomes <paramref name="massKg"/> now (a test's operator); the scenario's own loads stop.</summary>
    public void PlaceLoad(double massKg)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            _manualLoad = new ManualLoad(now, MassAt(now), massKg);
        }
    }

    /// <summary>The next conversion shifted out is corrupted this way; several queue up.</summary>
    public void InjectGlitch(Hx711Glitch glitch)
    {
        lock (_gate)
        {
            _injectedGlitches.Enqueue(glitch);
        }
    }

    /// <summary>
    /// The next read is preempted at its <paramref name="pulse"/>th clock pulse, as if PD_SCK had stayed high for
    /// more than 60 µs there: the chip powers down, the rest of the read is garbage, and it resets.
    /// </summary>
    public void InjectPowerDownAtPulse(int pulse)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pulse, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pulse, DataBits);
        lock (_gate)
        {
            _powerDownAtPulse = pulse;
        }
    }

    /// <summary>The module comes loose after the host has looked at DOUT <paramref name="reads"/> more times (a race to provoke).</summary>
    public void UnplugAfterDataReads(int reads)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(reads);
        lock (_gate)
        {
            _unplugAfterDataReads = reads;
        }
    }

    protected internal override void OnHostEdge(int pin, PinValue level, long timestamp)
    {
        if (pin != ClockPin)
        {
            return;
        }

        lock (_gate)
        {
            if (!IsConnected(timestamp))
            {
                _clockHigh = level == PinValue.High;
                _clockRoseAt = timestamp;
                return;
            }

            if (level == PinValue.High)
            {
                ClockRises(timestamp);
            }
            else
            {
                ClockFalls(timestamp);
            }
        }
    }

    protected internal override PinValue? DrivenLevel(int pin, long timestamp)
    {
        if (pin != DataPin)
        {
            return null;
        }

        lock (_gate)
        {
            _dataReads++;
            if (_unplugAfterDataReads > 0)
            {
                _unplugAfterDataReads--;
            }
            else if (_unplugAfterDataReads == 0)
            {
                _unplugAfterDataReads = -1;
                _absent = true;
            }

            if (!IsConnected(timestamp))
            {
                return null;
            }

            if (IsPoweredDown(timestamp))
            {
                return PinValue.High;
            }

            if (_pulsesInRead is > 0 and <= DataBits)
            {
                var bit = (_shiftRegister >> (DataBits - _pulsesInRead)) & 1;
                return bit == 1 ? PinValue.High : PinValue.Low;
            }

            // Between reads DOUT is the ready flag: low once a conversion waits to be read.
            return timestamp >= _readyAt ? PinValue.Low : PinValue.High;
        }
    }

    private void ClockRises(long timestamp)
    {
        _clockHigh = true;

        var betweenReads = _pulsesInRead == 0 || _pulsesInRead > DataBits;
        if (betweenReads && timestamp >= _readyAt)
        {
            StartRead();
        }
        else if (_pulsesInRead is > 0 and < MaxPulsesPerRead)
        {
            _pulsesInRead++;
        }

        // Pulses while no conversion is ready, and pulses past the 27th, are ignored as on the chip.
        if (_powerDownAtPulse > 0 && _pulsesInRead == _powerDownAtPulse)
        {
            _powerDownAtPulse = 0;
            _forcedPowerDown = true;
        }

        // The real chip handles an edge at once: the time this emulator took (the first time, JIT compilation too)
        // is not the host holding the clock high, so the high time counts from here.
        _clockRoseAt = Math.Max(timestamp, PinClock.Now);
    }

    private void ClockFalls(long timestamp)
    {
        var wasPoweredDown = IsPoweredDown(timestamp);
        _clockHigh = false;
        if (wasPoweredDown)
        {
            // The first power-up (PD_SCK pulled high since the Pi booted, until the host drives it low) is no fault.
            if (_hasRun)
            {
                _powerDowns++;
            }

            PowerUp(timestamp);
            return;
        }

        if (_pulsesInRead > DataBits)
        {
            // Datasheet table 3: 25 pulses select channel A at gain 128, 26 channel B at 32, 27 channel A at 64.
            _nextChannel = _pulsesInRead switch
            {
                25 => Hx711Channel.AGain128,
                26 => Hx711Channel.BGain32,
                _ => Hx711Channel.AGain64,
            };
            _readyAt = timestamp + _conversionTicks;
        }
    }

    private void StartRead()
    {
        _hasRun = true;
        _pulsesInRead = 1;
        _reads++;
        _conversions++;
        _shiftRegister = NextConversion() & 0xFFFFFF;

        // The next conversion starts when this read's last pulse has chosen its gain.
        _readyAt = long.MaxValue;

        if (_scenario.PowerDownEveryReads > 0 && _reads % _scenario.PowerDownEveryReads == 0)
        {
            _powerDownAtPulse = DataBits / 2;
        }
    }

    private int NextConversion()
    {
        var counts = _valueStuck && _conversions > 1 ? _lastCounts : MeasureCounts();
        _lastCounts = counts;

        if (_injectedGlitches.TryDequeue(out var glitch) || ScheduledGlitch(out glitch))
        {
            counts = glitch switch
            {
                Hx711Glitch.Spike => counts + SpikeCounts,
                Hx711Glitch.Doubled => counts * 2,
                _ => -1,
            };
        }

        return Math.Clamp(counts, MinCounts, MaxCounts);
    }

    private int MeasureCounts()
    {
        var mass = MassAt(_time.GetUtcNow());
        var noise = _scenario.NoiseCounts * new SeededNoise(_scenario.NoiseSeed).At(_conversions, NoiseChannel);
        var gainA128 = _scenario.CountsFor(mass) + noise;
        var counts = _nextChannel switch
        {
            Hx711Channel.AGain128 => gainA128,
            Hx711Channel.AGain64 => gainA128 / 2,

            // Nothing is wired to channel B: its input reads about zero.
            _ => noise / 4,
        };
        return (int)Math.Clamp(Math.Round(counts), MinCounts, MaxCounts);
    }

    private bool ScheduledGlitch(out Hx711Glitch glitch)
    {
        var every = _scenario.GlitchEveryConversions;
        glitch = default;
        if (every <= 0 || _conversions % every != 0)
        {
            return false;
        }

        glitch = (Hx711Glitch)((_conversions / every) % 3);
        return true;
    }

    private double MassAt(DateTimeOffset time) =>
        _manualLoad is { } load
            ? PlatformRinging.MassAfterStep(load.FromKg, load.ToKg, time - load.At, _scenario.SettlingTime, _scenario.RingingHz)
            : _scenario.MassAt(time);

    private bool IsPoweredDown(long timestamp) =>
        _clockHigh && (_forcedPowerDown || timestamp - _clockRoseAt > PowerDownTicks);

    /// <summary>Whether the module is wired in now; a module coming back powers up from scratch.</summary>
    private bool IsConnected(long timestamp)
    {
        var unplugged = _absent || _scenario.IsUnpluggedAt(_time.GetUtcNow());
        if (unplugged)
        {
            _wasUnplugged = true;
            return false;
        }

        if (_wasUnplugged)
        {
            _wasUnplugged = false;
            PowerUp(timestamp);
        }

        return true;
    }

    /// <summary>Power-on reset: channel A, gain 128, first conversion after the settling time.</summary>
    private void PowerUp(long timestamp)
    {
        _hasRun = true;
        _forcedPowerDown = false;
        _pulsesInRead = 0;
        _nextChannel = Hx711Channel.AGain128;
        _readyAt = timestamp + _settlingTicks;
    }

    private sealed record ManualLoad(DateTimeOffset At, double FromKg, double ToKg);
}
