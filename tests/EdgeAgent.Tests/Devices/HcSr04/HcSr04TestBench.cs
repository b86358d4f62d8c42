using System.Device.Gpio;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Devices.HcSr04;
using Pontive.Iot.EdgeAgent.Sensors;
using Hcsr04Binding = Iot.Device.Hcsr04.Hcsr04;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.HcSr04;

/// <summary>An emulated HC-SR04 on an emulated header, with the binding or the agent's sensor on it.</summary>
internal sealed class HcSr04TestBench : IDisposable
{
    public const int TriggerPin = 23;
    public const int EchoPin = 24;

    /// <summary>
    /// The binding converts with 34.3 cm/ms (58.31 µs/cm) where the module's pulse is 58 µs/cm: it reads 0.53 % short.
    /// Expected readings are the scenario's distances times this.
    /// </summary>
    public const double BindingScale = 58.0 / 58.309;

    public static readonly DateTimeOffset Noon = new(2026, 11, 28, 5, 0, 0, TimeSpan.Zero);

    /// <summary>Whether this process may raise a thread to real-time priority (root, CAP_SYS_NICE or RLIMIT_RTPRIO).</summary>
    public static readonly bool TimingPriorityAvailable = CanRaisePriority();

    private readonly List<IDisposable> _owned = [];

    public HcSr04TestBench(HcSr04Scenario? scenario = null)
    {
        Clock = new FakeTimeProvider(Noon);
        Module = new HcSr04Emulator(scenario ?? QuietScenario(), Clock, TriggerPin, EchoPin);
        Header = new EmulatedGpioDriver(Module);
        Pins = new GpioController(Header);
        _owned.Add(Pins);
    }

    public FakeTimeProvider Clock { get; }

    public HcSr04Emulator Module { get; }

    public EmulatedGpioDriver Header { get; }

    public GpioController Pins { get; }

    /// <summary>A bin 120 cm deep seen from the lid, no noise.</summary>
    public static HcSr04Scenario QuietScenario(double distanceCm = 87.5) => new() { DistanceCm = distanceCm, NoiseCm = 0 };

    public Hcsr04Binding ConnectBinding()
    {
        var binding = new Hcsr04Binding(Pins, TriggerPin, EchoPin, shouldDispose: false);
        _owned.Add(binding);
        return binding;
    }

    public HcSr04Sensor ConnectSensor(HcSr04Settings? settings = null, double binDepthCm = 120, double fullDistanceCm = 20)
    {
        var sensor = new HcSr04Sensor(
            new SensorOptions { Id = "bin-1", Kind = "fill_level", Driver = "hcsr04" },
            settings ?? new HcSr04Settings(),
            new FillLevelGauge(binDepthCm, fullDistanceCm),
            Pins,
            TriggerPin,
            EchoPin);
        _owned.Add(sensor);
        return sensor;
    }

    /// <summary>
    /// A reading, or null where the sensor refused it (too busy to time enough pings, so too few to outvote a stray)
    /// and this process could not raise its priority; any other failure fails the test.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, double>?> ReadOrRefuse(ISensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        try
        {
            return await sensor.ReadAsync(CancellationToken.None);
        }
        catch (TimeoutException ex) when (!TimingPriorityAvailable && ex.Message.Contains("too busy", StringComparison.Ordinal))
        {
            return null;
        }
        catch (InvalidDataException ex) when (!TimingPriorityAvailable && ex.Message.Contains("disagree", StringComparison.Ordinal))
        {
            // Too few pings timed for the good ones to outnumber a stray echo.
            return null;
        }
    }

    /// <summary>Disposed with the bench, after everything connected later.</summary>
    public T Own<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    private static bool CanRaisePriority()
    {
        using var priority = TimingThreadPriority.Raise();
        return priority.Raised;
    }

    public void Dispose()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            _owned[i].Dispose();
        }
    }
}
