using Microsoft.Extensions.Configuration;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;

/// <summary>
/// <c>"Driver": "scale-indicator"</c>: a platform scale's weight indicator streaming weights over RS-232, through an
/// RS-232 to USB adapter (usually /dev/ttyUSB0, 9600 baud). The frame format is chosen per scale with <c>"Format"</c>.
/// </summary>
internal sealed class ScaleIndicatorSensorDriver : SensorDriver
{
    /// <summary>The speeds indicators offer for their serial output.</summary>
    public static readonly IReadOnlyList<int> BaudRates = [1200, 2400, 4800, 9600, 19200, 38400];

    public override string Name => "scale-indicator";

    public override SensorKind Kind => SensorKinds.Scale;

    public override BusKind Bus => BusKind.Serial;

    public override IEnumerable<string> Validate(SensorOptions options, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(section);
        if (string.IsNullOrWhiteSpace(options.SerialPort))
        {
            yield return "SerialPort is required: the indicator sits on an RS-232 to USB adapter, usually /dev/ttyUSB0 (ls /dev/ttyUSB* after plugging it in)";
        }
        else if (!options.SerialPort.StartsWith("/dev/", StringComparison.Ordinal))
        {
            yield return $"SerialPort '{options.SerialPort}' is not a device path such as /dev/ttyUSB0";
        }

        if (options.BaudRate is { } baud && !BaudRates.Contains(baud))
        {
            yield return $"BaudRate {baud} is not one indicators use: {string.Join(", ", BaudRates)} (set the same as on the indicator)";
        }

        foreach (var problem in SettingsProblems(section))
        {
            yield return problem;
        }

        foreach (var problem in EmulationProblems(section))
        {
            yield return problem;
        }
    }

    public override ISensor Create(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = Settings(context.Section);
        return new ScaleIndicatorSensor(context.Options, settings, FormatOf(settings), context.Buses.OpenSerial(context), context.Time);
    }

    public override Stream CreateSerialEmulator(SensorContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new ScaleIndicatorEmulator(Scenario(context.Section), FormatOf(Settings(context.Section)), context.Time);
    }

    private static ScaleIndicatorSettings Settings(IConfigurationSection section) =>
        section.Get<ScaleIndicatorSettings>() ?? new ScaleIndicatorSettings();

    private static ScaleIndicatorFormat FormatOf(ScaleIndicatorSettings settings) =>
        ScaleIndicatorFormat.TryGet(settings.Format, out var format)
            ? format
            : throw new InvalidOperationException($"Format '{settings.Format}' is not known; known formats: {ScaleIndicatorFormat.KnownNames}.");

    private static ScaleIndicatorScenario Scenario(IConfigurationSection section) =>
        section.GetSection("Emulation").Get<ScaleIndicatorScenario>() ?? new ScaleIndicatorScenario();

    private static IEnumerable<string> SettingsProblems(IConfigurationSection section)
    {
        ScaleIndicatorSettings settings;
        try
        {
            settings = Settings(section);
        }
        catch (InvalidOperationException ex)
        {
            return [$"Format, Unit, Tare, Calibration or Stability cannot be read (Tare is Software or Indicator): {ex.Message}"];
        }

        return SettingsProblems(settings);
    }

    private static IEnumerable<string> SettingsProblems(ScaleIndicatorSettings settings)
    {
        if (!ScaleIndicatorFormat.TryGet(settings.Format, out var format))
        {
            yield return $"Format '{settings.Format}' is not a frame format the agent reads; known formats: {ScaleIndicatorFormat.KnownNames}";
        }
        else
        {
            if (settings.Unit is { } unit && format.CarriesUnit)
            {
                yield return $"Unit '{unit}' is not needed: {format.Name} frames name their unit; leave Unit out";
            }
            else if (settings.Unit is { } other && !IndicatorUnits.TryGetKilograms(other, out _))
            {
                yield return $"Unit '{other}' is not one the agent takes: {IndicatorUnits.Known}";
            }

            if (settings.Tare == IndicatorTareMode.Indicator && format.TareCommand is null)
            {
                yield return $"Tare Indicator needs a format with a tare command; {format.Name} indicators take no commands in continuous mode: use Tare Software";
            }
        }

        var calibration = settings.Calibration.Id;
        if (string.IsNullOrWhiteSpace(calibration))
        {
            yield return "Calibration:Id is required: the id or date of the indicator's legal verification (tera) on its seal or certificate, e.g. 2026-03-14";
        }
        else if (calibration.Length > WireLimits.MaxTextLength || calibration.Any(char.IsControl))
        {
            yield return $"Calibration:Id must be at most {WireLimits.MaxTextLength} characters of plain text";
        }

        foreach (var problem in settings.Stability.Validate())
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> EmulationProblems(IConfigurationSection section)
    {
        ScaleIndicatorScenario scenario;
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
