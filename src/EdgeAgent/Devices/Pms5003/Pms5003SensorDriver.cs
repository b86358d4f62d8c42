using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary><c>"Driver": "pms5003"</c>: Plantower PMS5003 particulate sensor on the Pi's UART (/dev/serial0, 9600 baud).</summary>
internal sealed class Pms5003SensorDriver : SensorDriver
{
    public const string DefaultPort = "/dev/serial0";

    /// <summary>The only speed the sensor talks at.</summary>
    public const int BaudRate = 9600;

    public override string Name => "pms5003";

    public override SensorKind Kind => SensorKinds.AirQuality;

    public override BusKind Bus => BusKind.Serial;

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        if (options.SerialPort is { } port && !port.StartsWith("/dev/", StringComparison.Ordinal))
        {
            yield return $"SerialPort '{port}' is not a device path; the PMS5003 on the Pi's UART is {DefaultPort}";
        }

        if (options.BaudRate is { } baud && baud != BaudRate)
        {
            yield return $"BaudRate {baud} is not one the PMS5003 talks at: it only talks at {BaudRate} (or leave BaudRate out)";
        }

        Pms5003Settings? settings = null;
        string? bindingProblem = null;
        try
        {
            settings = section.Get<Pms5003Settings>() ?? new Pms5003Settings();
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
                yield return $"WarmUp {settings.WarmUp} must be between 00:00:00 and 00:05:00 (the data manual asks for at least 00:00:30)";
            }
            else if (options.Interval < settings.WarmUp + Pms5003.DefaultTimeout)
            {
                yield return $"Interval {options.Interval} is too short for SleepBetweenReadings: each reading takes WarmUp ({settings.WarmUp}) and up to {Pms5003.DefaultTimeout}; lengthen Interval or turn SleepBetweenReadings off";
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
        var settings = context.Section.Get<Pms5003Settings>() ?? new Pms5003Settings();
        return new Pms5003Sensor(context.Options, settings, context.Buses.OpenSerial(context), context.Time);
    }

    public override Stream CreateSerialEmulator(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new Pms5003Emulator(Scenario(context.Section), context.Time);
    }

    private static Pms5003Scenario Scenario(IConfigurationSection section) =>
        section.GetSection("Emulation").Get<Pms5003Scenario>() ?? new Pms5003Scenario();

    private static IEnumerable<string> EmulationProblems(IConfigurationSection section)
    {
        Pms5003Scenario scenario;
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
