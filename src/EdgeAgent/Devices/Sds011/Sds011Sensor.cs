using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;
using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Sds011;

/// <summary>
/// Air quality from an SDS011 in query mode: each reading is asked for, so it is as fresh as the moment it is taken
/// however long the interval (in active mode a reading would sit in the port's buffer behind older ones). Reports
/// PM2.5 and PM10 to the 0.1 µg/m³ the sensor resolves.
/// </summary>
internal sealed class Sds011Sensor : ISensor
{
    private readonly Sds011 _device;
    private readonly Sds011Settings _settings;
    private readonly TimeProvider _timeProvider;
    private bool _prepared;

    public Sds011Sensor(SensorOptions options, Sds011Settings settings, Stream port, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        Options = options;
        _settings = settings;
        _timeProvider = timeProvider;
        _device = new Sds011(port, timeProvider);
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.AirQuality;

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            // It may be asleep, on a working period or reporting on its own: another program, or a previous run, set it so.
            _device.SetWorking(true);
            _device.SetWorkingPeriod(0);
            _device.SetReportingMode(Sds011ReportingMode.Query);
            _prepared = true;
        }
        else if (_settings.SleepBetweenReadings)
        {
            _device.SetWorking(true);
        }

        if (_settings.SleepBetweenReadings)
        {
            await Task.Delay(_settings.WarmUp, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        Sds011Measurement measurement;
        try
        {
            measurement = await _device.RequestMeasurementAsync(Sds011.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Port {Options.SerialPort}: check the USB serial adapter, the sensor's 5 V supply, and that its TXD goes to the adapter's RXD and its RXD to the adapter's TXD.", ex);
        }

        if (_settings.SleepBetweenReadings)
        {
            _device.SetWorking(false);
        }

        return new Dictionary<string, double>(2, StringComparer.Ordinal)
        {
            [ValueNames.Pm25Ugm3] = Checked(ValueNames.Pm25Ugm3, measurement.Pm25),
            [ValueNames.Pm10Ugm3] = Checked(ValueNames.Pm10Ugm3, measurement.Pm10),
        };
    }

    public void Dispose() => _device.Dispose();

    /// <summary>The value in µg/m³ to 0.1 if the contract can carry it; beyond its range the reading is refused, not clipped.</summary>
    private static double Checked(string name, MassConcentration concentration)
    {
        var value = Math.Round(concentration.MicrogramsPerCubicMeter, 1);
        var range = SensorKinds.AirQuality.Values[name];
        if (!range.Contains(value))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The SDS011 reports {name} = {value} µg/m³, outside the contract's range {range}."));
        }

        return value;
    }
}
