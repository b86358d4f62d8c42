using System.Device.I2c;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Bh1750;

/// <summary><c>"Driver": "bh1750"</c>: ROHM BH1750FVI ambient light sensor on I2C (0x23, or 0x5C with ADDR high).</summary>
internal sealed class Bh1750SensorDriver : SensorDriver
{
    public override string Name => "bh1750";

    public override SensorKind Kind => SensorKinds.Light;

    public override BusKind Bus => BusKind.I2c;

    public override IReadOnlyList<int> I2cAddresses => [0x23, 0x5C];

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var device = context.Buses.OpenI2c(context, context.Options.I2cAddress(this));
        try
        {
            return new Bh1750Sensor(context.Options, device, context.Time);
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
        var scenario = context.Section.GetSection("Emulation").Get<Bh1750Scenario>() ?? new Bh1750Scenario();
        return new Bh1750Emulator(scenario, context.Time, new I2cConnectionSettings(context.Options.Bus, address));
    }
}
