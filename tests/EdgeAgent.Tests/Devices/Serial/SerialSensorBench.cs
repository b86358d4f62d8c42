using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

/// <summary>
/// One serial sensor entry written as configuration keys, built the way the agent builds it: its driver found by
/// name, the sensor created on emulated buses, the emulator reachable by the sensor's id, a fake clock.
/// </summary>
internal sealed class SerialSensorBench : IDisposable
{
    /// <summary>10 February 2026, 08:00 in Pontianak (UTC+7): outside the haze season.</summary>
    public static readonly DateTimeOffset Start = new(2026, 2, 10, 1, 0, 0, TimeSpan.Zero);

    private readonly List<ISensor> _sensors = [];

    public SerialSensorBench(IReadOnlyDictionary<string, string?> entry, DateTimeOffset? start = null)
    {
        Configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(entry.Select(kv => KeyValuePair.Create($"{SensorListOptions.Section}:0:{kv.Key}", kv.Value)))
            .Build();
        Clock = new FakeTimeProvider(start ?? Start);
        var section = Configuration.GetSection($"{SensorListOptions.Section}:0");
        Options = section.Get<SensorOptions>() ?? throw new InvalidOperationException("The entry did not bind.");
        if (!SensorDrivers.TryGet(Options.Driver, out var driver))
        {
            throw new InvalidOperationException($"No driver '{Options.Driver}'.");
        }

        Context = new SensorContext(Options, section, driver, Buses, Clock, NullLoggerFactory.Instance);
    }

    public IConfigurationRoot Configuration { get; }

    public FakeTimeProvider Clock { get; }

    public EmulatedBuses Buses { get; } = new();

    public SensorOptions Options { get; }

    public SensorContext Context { get; }

    /// <summary>What the agent's start-up validation says about the entry, each problem prefixed with the entry's name.</summary>
    public static IReadOnlyList<string> ValidationFailures(IReadOnlyDictionary<string, string?> entry)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(entry.Select(kv => KeyValuePair.Create($"{SensorListOptions.Section}:0:{kv.Key}", kv.Value)))
            .Build();
        var options = configuration.Get<SensorListOptions>() ?? new SensorListOptions();
        var result = new SensorListValidator(configuration).Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    /// <summary>The sensor as the agent creates it: its driver opens the (emulated) serial port.</summary>
    public ISensor CreateSensor()
    {
        var sensor = Context.Driver.Create(Context);
        _sensors.Add(sensor);
        return sensor;
    }

    /// <summary>The emulator behind the sensor's port, as the agent's emulated buses keep it.</summary>
    public T Emulator<T>() => (T)Buses.Emulators[Options.Id];

    public void Dispose()
    {
        foreach (var sensor in _sensors)
        {
            sensor.Dispose();
        }
    }
}
