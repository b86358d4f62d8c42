using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

/// <summary>
/// <c>"Driver": "ads1115-soil"</c>: a capacitive soil-moisture probe on input <c>"Channel"</c> (0..3) of a TI ADS1115
/// (I2C 0x48..0x4B by its ADDR pin), with a two-point <c>"Calibration": { "DryRaw", "WetRaw" }</c>.
/// </summary>
internal sealed class Ads1115SoilSensorDriver : SensorDriver
{
    public override string Name => "ads1115-soil";

    public override SensorKind Kind => SensorKinds.Soil;

    public override BusKind Bus => BusKind.I2c;

    public override IReadOnlyList<int> I2cAddresses => [0x48, 0x49, 0x4A, 0x4B];

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        var settings = SoilProbeSettings.From(section, out var problem);
        return problem is not null ? [problem] : settings.Validate();
    }

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(context);
        var device = context.Buses.OpenI2c(context, context.Options.I2cAddress(this));
        try
        {
            return new Ads1115SoilSensor(context.Options, device, settings.Channel, settings.Calibration!);
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
        var scenario = context.Section.GetSection("Emulation").Get<Ads1115Scenario>() ?? new Ads1115Scenario();
        return new Ads1115Emulator(scenario, Settings(context).Channel, context.Time, new I2cConnectionSettings(context.Options.Bus, address));
    }

    /// <summary>The entry's settings, which validation at start has already checked.</summary>
    private static SoilProbeSettings Settings(SensorContext context)
    {
        var settings = SoilProbeSettings.From(context.Section, out var problem);
        if (problem is not null || settings.Validate().Any())
        {
            throw new InvalidOperationException($"Sensor '{context.Options.Id}' has invalid settings; validation at start should have stopped the agent.");
        }

        return settings;
    }
}
