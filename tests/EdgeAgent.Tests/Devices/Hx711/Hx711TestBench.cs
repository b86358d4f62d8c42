using System.Device.Gpio;
using Iot.Device.Hx711;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Scales;
using Hx711Binding = Iot.Device.Hx711.Hx711;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>An emulated HX711 on an emulated header with a fake clock for the platform, and the binding or the agent's sensor on it.</summary>
internal sealed class Hx711TestBench : IDisposable
{
    public const int DataPin = 5;
    public const int ClockPin = 6;

    /// <summary>09:00 in Pontianak.</summary>
    public static readonly DateTimeOffset Morning = new(2026, 11, 28, 2, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _owned = [];

    public Hx711TestBench(Hx711Scenario? scenario = null)
    {
        Clock = new FakeTimeProvider(Morning);
        Chip = new Hx711Emulator(scenario ?? QuietScenario(), Clock, DataPin, ClockPin);
        Header = new EmulatedGpioDriver(Chip);
        Pins = new ClockTimingController(Header, ClockPin);
        _owned.Add(Pins);
    }

    public FakeTimeProvider Clock { get; }

    public Hx711Emulator Chip { get; }

    public EmulatedGpioDriver Header { get; }

    /// <summary>The header as the agent sees it, timing the clock pulses sent through it.</summary>
    public ClockTimingController Pins { get; }

    /// <summary>A clock pulse through <see cref="Pins"/> outlasted the datasheet's 50 µs: the test thread was preempted mid-read.</summary>
    public bool ClockWasHeldTooLong => Pins.LongestClockHigh > Hx711PinGuard.MaxClockHigh;

    /// <summary>
    /// Runs a test that drives the binding unguarded, on a fresh bench, again (up to five times) if it failed after
    /// a clock pulse of its own ran long: a preempted test thread corrupts a read exactly as the binding's defect
    /// does on a Pi, which is not what the test is about. A failure without a long pulse fails at once.
    /// </summary>
    public static void Scene(Hx711Scenario? scenario, Action<Hx711TestBench> test)
    {
        ArgumentNullException.ThrowIfNull(test);
        const int Tries = 5;
        for (var attempt = 1; ; attempt++)
        {
            using var bench = new Hx711TestBench(scenario);
            try
            {
                test(bench);
                return;
            }
            catch (Exception) when (attempt < Tries && bench.ClockWasHeldTooLong)
            {
                // Preempted mid-read: set the scene up again.
            }
        }
    }

    /// <summary>The scenario's cell exactly: what a perfect calibration of the emulated platform gives.</summary>
    public ScaleCalibration ExactCalibration => ScaleCalibration.FromSettings("2026-11-20", (long)Chip.Scenario.OffsetCounts, Chip.Scenario.CountsPerKg);

    /// <summary>
    /// No noise, loads that settle at once, and a chip that converts in half a millisecond, so reads are quick and
    /// exact. <paramref name="conversionTime"/> longer where a test sends more than 25 pulses: a thread preempted
    /// between the 25th and 26th pulse for longer than a conversion would start the next read, as on the chip.
    /// </summary>
    public static Hx711Scenario QuietScenario(TimeSpan? conversionTime = null) => new()
    {
        NoiseCounts = 0,
        SettlingTime = TimeSpan.Zero,
        ConversionTime = conversionTime ?? TimeSpan.FromMicroseconds(500),
        PowerUpSettling = TimeSpan.FromMilliseconds(2),
    };

    /// <summary>The binding itself on the emulated pins. Never call it with the chip absent: it would spin forever.</summary>
    public Hx711Binding ConnectBinding(Hx711Mode mode = Hx711Mode.ChannelAGain128, bool littleEndian = false)
    {
        var binding = new Hx711Binding(DataPin, ClockPin, new Hx711Options(mode, littleEndian), Pins, shouldDispose: false);
        _owned.Add(binding);
        return binding;
    }

    /// <summary>The agent's sensor on the header (or on <paramref name="pins"/>, a controller over the same header).</summary>
    public Hx711Sensor ConnectSensor(
        ScaleCalibration? calibration = null,
        Hx711Settings? settings = null,
        GpioController? pins = null,
        bool calibrated = true)
    {
        settings ??= new Hx711Settings { ReadyTimeout = TimeSpan.FromMilliseconds(200) };
        var reader = new Hx711ConversionReader(pins ?? Pins, DataPin, ClockPin, settings.ReadyTimeout);
        var sensor = new Hx711Sensor(
            new SensorOptions { Id = "scale-1", Kind = "scale", Driver = "hx711" },
            settings,
            reader,
            calibrated ? calibration ?? ExactCalibration : null,
            Clock,
            NullLogger.Instance);
        _owned.Add(sensor);
        return sensor;
    }

    /// <summary>Disposed with the bench, after everything connected later (which may still use it).</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
