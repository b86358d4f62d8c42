using System.Device.I2c;
using Bme280Driver = Iot.Device.Bmxx80.Bme280;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>
/// The environment sensor through the Iot.Device.Bmxx80 driver, in forced mode with the driver's defaults
/// (1× oversampling, filter off): Bosch's recommended setting for weather monitoring.
/// </summary>
internal sealed class Bme280Sensor : ISensor
{
    private readonly Bme280Driver _driver;

    /// <summary>Constructing the driver reads the chip id and calibration: it throws when the chip is absent.</summary>
    public Bme280Sensor(SensorOptions options, I2cDevice device)
    {
        Options = options;
        _driver = new Bme280Driver(device);
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.Environment;

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        // Read() sleeps through the conversion (about 30 ms); keep that off the caller's thread.
        var result = await Task.Run(_driver.Read, cancellationToken).ConfigureAwait(false);
        var values = new Dictionary<string, double>(3, StringComparer.Ordinal);
        if (result.Temperature is { } temperature)
        {
            values[ValueNames.TemperatureC] = Math.Round(temperature.DegreesCelsius, 2);
        }

        if (result.Humidity is { } humidity)
        {
            values[ValueNames.HumidityPct] = Math.Round(humidity.Percent, 2);
        }

        if (result.Pressure is { } pressure)
        {
            values[ValueNames.PressureHpa] = Math.Round(pressure.Hectopascals, 2);
        }

        return values.Count > 0 ? values : throw new IOException("The BME280 returned no measurement.");
    }

    public void Dispose() => _driver.Dispose();
}
