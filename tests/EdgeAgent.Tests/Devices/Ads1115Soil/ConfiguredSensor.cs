using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>One sensor entry written as configuration keys (<c>"Calibration:DryRaw"</c>), as the agent would read it from its settings file.</summary>
internal static class ConfiguredSensor
{
    /// <summary>The configuration with <paramref name="entry"/> as <c>Sensors:0</c>.</summary>
    public static IConfigurationRoot Configuration(IReadOnlyDictionary<string, string?> entry) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(entry.Select(kv => KeyValuePair.Create($"{SensorListOptions.Section}:0:{kv.Key}", kv.Value)))
            .Build();

    /// <summary>What the agent's start-up validation says about the entry, each problem prefixed with the entry's name.</summary>
    public static IReadOnlyList<string> ValidationFailures(IReadOnlyDictionary<string, string?> entry)
    {
        var configuration = Configuration(entry);
        var options = configuration.Get<SensorListOptions>() ?? new SensorListOptions();
        var result = new SensorListValidator(configuration).Validate(null, options);
        return result.Failures?.ToList() ?? [];
    }

    /// <summary>The context the agent builds for the entry, on emulated buses.</summary>
    public static SensorContext Context(IReadOnlyDictionary<string, string?> entry, TimeProvider time, EmulatedBuses buses)
    {
        var configuration = Configuration(entry);
        var section = configuration.GetSection($"{SensorListOptions.Section}:0");
        var options = section.Get<SensorOptions>() ?? throw new InvalidOperationException("The entry did not bind.");
        if (!SensorDrivers.TryGet(options.Driver, out var driver))
        {
            throw new InvalidOperationException($"No driver '{options.Driver}'.");
        }

        return new SensorContext(options, section, driver, buses, time, NullLoggerFactory.Instance);
    }
}
