using System.Device.Gpio;
using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary><c>"Driver": "hcsr04"</c>: a bin's fill level from an HC-SR04 or JSN-SR04T ultrasonic module (Trigger GPIO23, Echo GPIO24 on the kit).</summary>
internal sealed class HcSr04SensorDriver : SensorDriver
{
    public override string Name => "hcsr04";

    public override SensorKind Kind => SensorKinds.FillLevel;

    public override BusKind Bus => BusKind.Gpio;

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        return HcSr04Settings.Pins.Validate(options, Name)
            .Concat(HcSr04Settings.From(section).Validate())
            .Concat(FillLevelSettings.From(section).Validate(HcSr04Settings.Range));
    }

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var gauge = FillLevelSettings.From(context.Section).Gauge(HcSr04Settings.Range);
        return new HcSr04Sensor(
            context.Options,
            HcSr04Settings.From(context.Section),
            gauge,
            context.Buses.OpenGpio(context),
            HcSr04Settings.Pins.PinOf(context.Options, HcSr04Settings.TriggerRole),
            HcSr04Settings.Pins.PinOf(context.Options, HcSr04Settings.EchoRole));
    }

    public override GpioDriver CreateGpioEmulator(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = context.Section.GetSection("Emulation").Get<HcSr04Scenario>() ?? new HcSr04Scenario();
        return new EmulatedGpioDriver(new HcSr04Emulator(
            scenario,
            context.Time,
            HcSr04Settings.Pins.PinOf(context.Options, HcSr04Settings.TriggerRole),
            HcSr04Settings.Pins.PinOf(context.Options, HcSr04Settings.EchoRole)));
    }
}
