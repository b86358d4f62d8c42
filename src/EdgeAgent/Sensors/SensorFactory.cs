using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Bme280;
using Pontive.Iot.EdgeAgent.Hardware;

namespace Pontive.Iot.EdgeAgent.Sensors;

/// <summary>Turns the <c>Sensors</c> entries into sensors, each on the bus its entry names.</summary>
public sealed class SensorFactory(IOptions<SensorListOptions> sensors, IConfiguration configuration, IBusFactory buses)
{
    public IReadOnlyList<SensorOptions> Entries => sensors.Value.Sensors;

    /// <summary>Opens the bus and constructs the driver; throws when the device is absent (the caller retries).</summary>
    public ISensor Create(int index)
    {
        var options = sensors.Value.Sensors[index];
        var section = configuration.GetSection($"{SensorListOptions.Section}:{index}");
        // The entries were validated at start, so the driver is known and the address parses.
        if (SensorDrivers.TryGet(options.Driver, out var driver) && driver == SensorDrivers.Bme280
            && SensorListValidator.TryParseAddress(options.Address, out var address))
        {
            return new Bme280Sensor(options, buses.OpenI2c(options, section, address));
        }

        throw new NotSupportedException($"Driver '{options.Driver}' has no sensor implementation.");
    }
}
