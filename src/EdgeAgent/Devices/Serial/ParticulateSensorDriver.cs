using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Serial;

/// <summary>
/// What the drivers of the particulate sensors on a serial port (PMS5003, SDS011) share: air quality at 9600 baud
/// only, sleeping between readings with a warm-up that must fit in the interval, an emulated sensor breathing a
/// <see cref="ParticulateScenario"/>. A driver adds its port rule, its words and how to build its sensor.
/// </summary>
/// <typeparam name="TSettings">The entry's own settings.</typeparam>
/// <typeparam name="TScenario">The emulated sensor's scenario, bound from the entry's "Emulation" section.</typeparam>
internal abstract class ParticulateSensorDriver<TSettings, TScenario> : SensorDriver
    where TSettings : ParticulateSensorSettings, new()
    where TScenario : ParticulateScenario, new()
{
    /// <summary>The only speed these sensors talk at.</summary>
    public const int BaudRate = 9600;

    public sealed override SensorKind Kind => SensorKinds.AirQuality;

    public sealed override BusKind Bus => BusKind.Serial;

    /// <summary>How messages name the sensor, e.g. "PMS5003".</summary>
    protected abstract string DeviceName { get; }

    /// <summary>How long one reading may take, all requests included: with the warm-up, it must fit in the interval.</summary>
    protected abstract TimeSpan ReadingTimeout { get; }

    /// <summary>What the maker says about the warm-up, for the message that refuses one, e.g. "Nova Fitness advises 00:00:30".</summary>
    protected abstract string WarmUpAdvice { get; }

    public sealed override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        foreach (var problem in SerialPortProblems(options.SerialPort))
        {
            yield return problem;
        }

        if (options.BaudRate is { } baud && baud != BaudRate)
        {
            yield return $"BaudRate {baud} is not one the {DeviceName} talks at: it only talks at {BaudRate} (or leave BaudRate out)";
        }

        TSettings? settings = null;
        string? bindingProblem = null;
        try
        {
            settings = Settings(section);
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
                yield return $"WarmUp {settings.WarmUp} must be between 00:00:00 and 00:05:00 ({WarmUpAdvice})";
            }
            else if (options.Interval < settings.WarmUp + ReadingTimeout)
            {
                yield return $"Interval {options.Interval} is too short for SleepBetweenReadings: each reading takes WarmUp ({settings.WarmUp}) and up to {ReadingTimeout}; lengthen Interval or turn SleepBetweenReadings off";
            }
        }

        foreach (var problem in EmulationProblems(section))
        {
            yield return problem;
        }
    }

    public sealed override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CreateSensor(context.Options, Settings(context.Section), context.Buses.OpenSerial(context), context.Time);
    }

    public sealed override Stream CreateSerialEmulator(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return CreateEmulator(Scenario(context.Section), context.Time);
    }

    /// <summary>What is wrong with the entry's SerialPort (null when the entry leaves it out), in plain words.</summary>
    protected abstract IEnumerable<string> SerialPortProblems(string? serialPort);

    protected abstract ISensor CreateSensor(SensorOptions options, TSettings settings, Stream port, TimeProvider timeProvider);

    protected abstract Stream CreateEmulator(TScenario scenario, TimeProvider timeProvider);

    private static TSettings Settings(IConfigurationSection section) => section.Get<TSettings>() ?? new TSettings();

    private static TScenario Scenario(IConfigurationSection section) =>
        section.GetSection("Emulation").Get<TScenario>() ?? new TScenario();

    private static IEnumerable<string> EmulationProblems(IConfigurationSection section)
    {
        TScenario scenario;
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
