using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary><c>"Driver": "bme280"</c>: Bosch BME280 temperature, humidity and pressure on I2C (0x76, or 0x77 with SDO high).</summary>
internal sealed class Bme280SensorDriver : SensorDriver
{
    public override string Name => "bme280";

    public override SensorKind Kind => SensorKinds.Environment;

    public override BusKind Bus => BusKind.I2c;

    public override IReadOnlyList<int> I2cAddresses => [0x76, 0x77];

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Bme280Sensor(context.Options, context.Buses.OpenI2c(context, context.Options.I2cAddress(this)));
    }

    public override I2cDevice CreateI2cEmulator(SensorContext context, int address)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = context.Section.GetSection("Emulation").Get<Bme280Scenario>() ?? new Bme280Scenario();
        return new Bme280Emulator(scenario, context.Time, new I2cConnectionSettings(context.Options.Bus, address));
    }
}
