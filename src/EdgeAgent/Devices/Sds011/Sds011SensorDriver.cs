using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary><c>"Driver": "sds011"</c>: Nova Fitness SDS011 particulate sensor on a USB serial adapter (usually /dev/ttyUSB0, 9600 baud).</summary>
internal sealed class Sds011SensorDriver : SensorDriver
{
    /// <summary>The only speed the sensor talks at.</summary>
    public const int BaudRate = 9600;

    public override string Name => "sds011";

    public override SensorKind Kind => SensorKinds.AirQuality;

    public override BusKind Bus => BusKind.Serial;

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        if (string.IsNullOrWhiteSpace(options.SerialPort))
        {
            yield return "SerialPort is required: the SDS011 sits on a USB serial adapter, usually /dev/ttyUSB0 (ls /dev/ttyUSB* after plugging it in)";
        }
        else if (!options.SerialPort.StartsWith("/dev/", StringComparison.Ordinal))
        {
            yield return $"SerialPort '{options.SerialPort}' is not a device path such as /dev/ttyUSB0";
        }

        if (options.BaudRate is { } baud && baud != BaudRate)
        {
            yield return $"BaudRate {baud} is not one the SDS011 talks at: it only talks at {BaudRate} (or leave BaudRate out)";
        }

        Sds011Settings? settings = null;
        string? bindingProblem = null;
        try
        {
            settings = section.Get<Sds011Settings>() ?? new Sds011Settings();
        }
        catch (InvalidOperationException ex)
        {
            bindingProblem = $"SleepBetweenReadings or WarmUp cannot be read: {ex.Message}";
        }

        if (bindingProblem is not null)
        {
            yield return bindingProblem;
        }
        else if (settings is { SleepBetweenReadings: true })
        {
            if (settings.WarmUp < TimeSpan.Zero || settings.WarmUp > TimeSpan.FromMinutes(5))
            {
                yield return $"WarmUp {settings.WarmUp} must be between 00:00:00 and 00:05:00 (Nova Fitness advises 00:00:30)";
            }
            else if (options.Interval < settings.WarmUp + Sds011.DefaultTimeout)
            {
                yield return $"Interval {options.Interval} is too short for SleepBetweenReadings: each reading takes WarmUp ({settings.WarmUp}) and up to {Sds011.DefaultTimeout}; lengthen Interval or turn SleepBetweenReadings off";
            }
        }

        foreach (var problem in EmulationProblems(section))
        {
            yield return problem;
        }
    }

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Section.Get<Sds011Settings>() ?? new Sds011Settings();
        return new Sds011Sensor(context.Options, settings, context.Buses.OpenSerial(context), context.Time);
    }

    public override Stream CreateSerialEmulator(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Sds011Emulator(Scenario(context.Section), context.Time);
    }

    private static Sds011Scenario Scenario(IConfigurationSection section) =>
        section.GetSection("Emulation").Get<Sds011Scenario>() ?? new Sds011Scenario();

    private static IEnumerable<string> EmulationProblems(IConfigurationSection section)
    {
        Sds011Scenario scenario;
        try
        {
            scenario = Scenario(section);
        }
        catch (InvalidOperationException ex)
        {
            return [$"Emulation cannot be read: {ex.Message}"];
        }

        return scenario.Problems();
    }
}
