using System.Device.Gpio;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Gpio;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Hx711;

/// <summary><c>"Driver": "hx711"</c>: a load cell through an HX711 board on two GPIO pins (DT GPIO5, SCK GPIO6 on the kit).</summary>
internal sealed class Hx711SensorDriver : SensorDriver
{
    public override string Name => "hx711";

    public override SensorKind Kind => SensorKinds.Scale;

    public override BusKind Bus => BusKind.Gpio;

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        return Hx711Settings.Pins.Validate(options, Name).Concat(Hx711Settings.From(section).Validate());
    }

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Hx711Settings.From(context.Section);
        var store = new ScaleCalibrationStore(DataDirectoryOf(context));
        var calibration = store.Current(context.Options.Id) ?? settings.Calibration?.ToCalibration();
        var pins = context.Buses.OpenGpio(context);
        var reader = new Hx711ConversionReader(
            pins,
            Hx711Settings.Pins.PinOf(context.Options, Hx711Settings.DataRole),
            Hx711Settings.Pins.PinOf(context.Options, Hx711Settings.ClockRole),
            settings.ReadyTimeout);
        return new Hx711Sensor(context.Options, settings, reader, calibration, context.Time, context.Logs.CreateLogger<Hx711Sensor>());
    }

    public override GpioDriver CreateGpioEmulator(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scenario = context.Section.GetSection("Emulation").Get<Hx711Scenario>() ?? new Hx711Scenario();
        return new EmulatedGpioDriver(new Hx711Emulator(
            scenario,
            context.Time,
            Hx711Settings.Pins.PinOf(context.Options, Hx711Settings.DataRole),
            Hx711Settings.Pins.PinOf(context.Options, Hx711Settings.ClockRole)));
    }

    /// <summary>The agent's data folder (<see cref="AgentOptions.DataDirectory"/>), where the calibration file lives.</summary>
    private static string DataDirectoryOf(SensorContext context) => context.DataDirectory;
}
