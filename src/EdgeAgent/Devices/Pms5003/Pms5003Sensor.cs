using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;
using UnitsNet;

namespace Pontive.Iot.EdgeAgent.Devices.Pms5003;

/// <summary>
/// Air quality from a PMS5003 in passive mode: each reading is asked for, so it is as fresh as the moment it is
/// taken however long the interval (in active mode a reading would sit in the port's buffer behind older ones).
/// Reports the "atmospheric environment" concentrations, in whole µg/m³ as the sensor gives them.
/// </summary>
internal sealed class Pms5003Sensor : ISensor
{
    private readonly Pms5003 _device;
    private readonly Pms5003Settings _settings;
    private readonly TimeProvider _timeProvider;
    private bool _prepared;

    public Pms5003Sensor(SensorOptions options, Pms5003Settings settings, Stream port, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        Options = options;
        _settings = settings;
        _timeProvider = timeProvider;
        _device = new Pms5003(port, timeProvider);
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.AirQuality;

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        if (!_prepared)
        {
            // A previous run may have left it asleep or in active mode.
            _device.WakeUp();
            _device.SetMode(Pms5003Mode.Passive);
            _prepared = true;
        }
        else if (_settings.SleepBetweenReadings)
        {
            _device.WakeUp();
        }

        if (_settings.SleepBetweenReadings)
        {
            await Task.Delay(_settings.WarmUp, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        Pms5003Measurement measurement;
        try
        {
            measurement = await _device.RequestMeasurementAsync(Pms5003.DefaultTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message} Port {Options.SerialPort ?? Pms5003SensorDriver.DefaultPort}: check the 5 V supply, that the sensor's TX goes to the Pi's RXD and its RX to the Pi's TXD, and that the serial console is off.", ex);
        }

        if (_settings.SleepBetweenReadings)
        {
            _device.Sleep();
        }

        return new Dictionary<string, double>(3, StringComparer.Ordinal)
        {
            [ValueNames.Pm1Ugm3] = Checked(ValueNames.Pm1Ugm3, measurement.Pm1),
            [ValueNames.Pm25Ugm3] = Checked(ValueNames.Pm25Ugm3, measurement.Pm25),
            [ValueNames.Pm10Ugm3] = Checked(ValueNames.Pm10Ugm3, measurement.Pm10),
        };
    }

    public void Dispose() => _device.Dispose();

    /// <summary>The value in µg/m³ if the contract can carry it; beyond its range the reading is refused, not clipped.</summary>
    private static double Checked(string name, MassConcentration concentration)
    {
        var value = concentration.MicrogramsPerCubicMeter;
        var range = SensorKinds.AirQuality.Values[name];
        if (!range.Contains(value))
        {
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The PMS5003 reports {name} = {value} µg/m³, outside the contract's range {range}."));
        }

        return value;
    }
}
