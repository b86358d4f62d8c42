using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

/// <summary>
/// <c>"Driver": "vl53l0x"</c>: ST VL53L0X time-of-flight distance sensor on I2C (0x29) under a bin's lid, with
/// <c>"BinDepthCm"</c> and optionally <c>"FullDistanceCm"</c> giving the fill level.
/// </summary>
internal sealed class Vl53l0xSensorDriver : SensorDriver
{
    public override string Name => "vl53l0x";

    public override SensorKind Kind => SensorKinds.FillLevel;

    public override BusKind Bus => BusKind.I2c;

    public override IReadOnlyList<int> I2cAddresses => [0x29];

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section) =>
        FillLevelSettings.ValidateEntry(section, Vl53l0xSensor.Range);

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gauge = FillLevelSettings.From(context.Section).Gauge(Vl53l0xSensor.Range);
        var device = context.Buses.OpenI2c(context, context.Options.I2cAddress(this));
        try
        {
            return new Vl53l0xSensor(context.Options, device, gauge);
        }
        catch
        {
            device.Dispose();
            throw;
        }
    }

    public override I2cDevice CreateI2cEmulator(SensorContext context, int address)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = context.Section.GetSection("Emulation").Get<Vl53l0xScenario>() ?? new Vl53l0xScenario();
        return new Vl53l0xEmulator(scenario, context.Time, new I2cConnectionSettings(context.Options.Bus, address));
    }
}
