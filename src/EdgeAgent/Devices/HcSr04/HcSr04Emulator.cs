using System.Device.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Emulation;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;

namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary>
/// An HC-SR04 (or JSN-SR04T in its HC-SR04 mode) at pin level, for the real <c>Iot.Device.Hcsr04</c> binding: a
/// trigger pulse of at least 10 µs starts a ping; after the burst, Echo goes high for as long as the sound takes there
/// and back (58 µs per cm); with no echo in range it stays high for the module's 38 ms timeout. Triggers during a ping
/// are ignored, as on the module. Unplugged, Echo is undriven and the Pi's pull-down on BCM 24 reads it low.
/// </summary>
/// <remarks>Pulse timing is real time (<see cref="PinClock"/>); the distance follows the scenario on the agent's <see cref="TimeProvider"/>.</remarks>
internal sealed class HcSr04Emulator : EmulatedGpioPart
{
    /// <summary>Datasheet: a trigger pulse of 10 µs or more.</summary>
    public static readonly TimeSpan MinTriggerPulse = TimeSpan.FromMicroseconds(10);

    /// <summary>How long Echo stays high when nothing echoes back within range (measured on common modules).</summary>
    public static readonly TimeSpan NoEchoPulse = TimeSpan.FromMilliseconds(38);

    private const int NoiseChannel = 1;
    private const int LostEchoChannel = 2;
    private const int StrayEchoChannel = 3;
    private const double StrayEchoNearestCm = 10;
    private const double StrayEchoFarthestCm = 30;

    private static readonly long MinTriggerTicks = PinClock.From(MinTriggerPulse);

    private readonly HcSr04Scenario _scenario;
    private readonly TimeProvider _time;
    private readonly SeededNoise _noise;
    private readonly Lock _gate = new();

    private bool _absent;
    private bool _echoStuckHigh;
    private double? _distanceOverride;

    private int _echoesToLose;
    private int _echoesToStray;

    private bool _triggerHigh;
    private long _triggerRoseAt;
    private long _echoRisesAt = long.MaxValue;
    private long _echoFallsAt = long.MinValue;
    private long _pings;

    public HcSr04Emulator(HcSr04Scenario scenario, TimeProvider time, int triggerPin = 23, int echoPin = 24)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(time);
        _scenario = scenario;
        _time = time;
        _noise = new SeededNoise(scenario.NoiseSeed);
        TriggerPin = triggerPin;
        EchoPin = echoPin;
        Pins = [triggerPin, echoPin];
        _absent = scenario.AbsentAtStart;
    }

    public int TriggerPin { get; }

    public int EchoPin { get; }

    public override IReadOnlyCollection<int> Pins { get; }

    public HcSr04Scenario Scenario => _scenario;

    /// <summary>The module is unplugged (or unpowered): triggers do nothing and Echo reads low.</summary>
    public bool Absent
    {
        get { lock (_gate) { return _absent; } }
        set { lock (_gate) { _absent = value; } }
    }

    /// <summary>Echo is stuck high (a damaged module, or Echo shorted to 5 V before the divider).</summary>
    public bool EchoStuckHigh
    {
        get { lock (_gate) { return _echoStuckHigh; } }
        set { lock (_gate) { _echoStuckHigh = value; } }
    }

    /// <summary>When set, pings measure this distance instead of the scenario's (noise still applies).</summary>
    public double? DistanceOverride
    {
        get { lock (_gate) { return _distanceOverride; } }
        set { lock (_gate) { _distanceOverride = value; } }
    }

    /// <summary>The next <paramref name="pings"/> pings lose their echo (Echo stays high for the 38 ms timeout).</summary>
    public void LoseNextEchoes(int pings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pings);
        lock (_gate)
        {
            _echoesToLose = pings;
        }
    }

    /// <summary>The next <paramref name="pings"/> pings are answered by a stray echo off the bin's wall, 10 to 30 cm away.</summary>
    public void StrayNextEchoes(int pings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pings);
        lock (_gate)
        {
            _echoesToStray = pings;
        }
    }

    /// <summary>Pings started by a valid trigger so far.</summary>
    public long Pings
    {
        get { lock (_gate) { return _pings; } }
    }

    protected internal override void OnHostEdge(int pin, PinValue level, long timestamp)
    {
        if (pin != TriggerPin)
        {
            return;
        }

        lock (_gate)
        {
            if (level == PinValue.High)
            {
                _triggerHigh = true;
                _triggerRoseAt = timestamp;
                return;
            }

            var pulse = timestamp - _triggerRoseAt;
            var wasHigh = _triggerHigh;
            _triggerHigh = false;
            var pinging = timestamp < _echoFallsAt;
            if (wasHigh && pulse >= MinTriggerTicks && !pinging && IsConnected())
            {
                StartPing(timestamp);
            }
        }
    }

    protected internal override PinValue? DrivenLevel(int pin, long timestamp)
    {
        if (pin != EchoPin)
        {
            return null;
        }

        lock (_gate)
        {
            if (!IsConnected())
            {
                return null;
            }

            if (_echoStuckHigh)
            {
                return PinValue.High;
            }

            return timestamp >= _echoRisesAt && timestamp < _echoFallsAt ? PinValue.High : PinValue.Low;
        }
    }

    private void StartPing(long triggerFell)
    {
        _pings++;
        _echoRisesAt = triggerFell + PinClock.From(_scenario.EchoDelay);
        _echoFallsAt = _echoRisesAt + EchoWidth();
    }

    private long EchoWidth()
    {
        var lost = Unit(LostEchoChannel) < _scenario.LostEchoRate || TakeOne(ref _echoesToLose);
        var stray = Unit(StrayEchoChannel) < _scenario.StrayEchoRate || TakeOne(ref _echoesToStray);
        var distance = (_distanceOverride ?? _scenario.DistanceAt(_time.GetUtcNow())) + (_scenario.NoiseCm * _noise.At(_pings, NoiseChannel));
        if (stray)
        {
            distance = StrayEchoNearestCm + ((StrayEchoFarthestCm - StrayEchoNearestCm) * Unit(StrayEchoChannel + 10));
        }

        if (lost || distance > HcSr04Scenario.MaxRangeCm)
        {
            return PinClock.From(NoEchoPulse);
        }

        // Nearer than the blind zone the echo overlaps the burst: the module reports about its minimum.
        distance = Math.Max(distance, HcSr04Scenario.MinRangeCm);
        return PinClock.FromMicroseconds(distance * _scenario.MicrosecondsPerCm);
    }

    private static bool TakeOne(ref int remaining)
    {
        if (remaining == 0)
        {
            return false;
        }

        remaining--;
        return true;
    }

    /// <summary>A number in [0, 1) for this ping on <paramref name="channel"/>.</summary>
    private double Unit(int channel) => (_noise.At(_pings, channel) + 1.0) / 2.0;

    private bool IsConnected() => !_absent && !_scenario.IsUnpluggedAt(_time.GetUtcNow());
}
