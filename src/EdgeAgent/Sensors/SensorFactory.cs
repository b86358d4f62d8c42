using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>Turns the <c>Sensors</c> entries into sensors, each built by its driver on the bus its entry names.</summary>
public sealed class SensorFactory(
    IOptions<SensorListOptions> sensors,
    IConfiguration configuration,
    IBusFactory buses,
    TimeProvider time,
    ILoggerFactory logs,
    IOptions<AgentOptions>? agent = null)
{
    public IReadOnlyList<SensorOptions> Entries => sensors.Value.Sensors;

    /// <summary>Opens the bus and constructs the driver; throws when the device is absent (the caller retries).</summary>
    public ISensor Create(int index)
    {
        var options = sensors.Value.Sensors[index];
        if (!SensorDrivers.TryGet(options.Driver, out var driver))
        {
            // Entries are validated at start; this only guards against a list changed behind our back.
            throw new InvalidOperationException($"Sensors:{index} ({options.Id}): driver '{options.Driver}' is not known.");
        }

        var section = configuration.GetSection($"{SensorListOptions.Section}:{index}");
        var dataDirectory = agent?.Value.DataDirectory ?? new AgentOptions().DataDirectory;
        return driver.Create(new SensorContext(options, section, driver, buses, time, logs, dataDirectory));
    }
}
