using System.Device.I2c;
using Iot.Device.Bh1750fvi;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Bh1750;

/// <summary>
/// Ambient light through the Iot.Device.Bh1750fvi driver: continuous H-resolution mode with the measurement time
/// (MTreg) lowered from 69 to 32, so the 16-bit count reaches 117,000 lux, above the ~100,000 lux of the noon sun
/// in Pontianak; at the default MTreg it would saturate at 54,612 lux.
/// </summary>
/// <remarks>
/// Two defects of the driver (4.2.0) are worked around here:
/// <list type="bullet">
/// <item>It sets MTreg = 69 / LightTransmittance but then divides the count by 1.2 × LightTransmittance, where the
/// datasheet's lux per count is 1 / 1.2 × 69 / MTreg; at any transmittance other than 1 its lux are off by the
/// transmittance squared. With MTreg 32 (transmittance 69/32, exact) the factor is applied back.</item>
/// <item>It reads straight after sending the measurement instruction, so the first reading after power-on is the
/// reset value 0 (a dark night, as far as anyone can tell). The sensor starts the measurement when it connects and
/// waits out the datasheet's maximum measurement time before the first reading; later readings return the
/// measurement finished just before.</item>
/// </list>
/// </remarks>
internal sealed class Bh1750Sensor : ISensor
{
    /// <summary>MTreg 32: sensitivity 32/69 of the default, 1.8 lux a count.</summary>
    public const int MeasurementTime = 32;

    /// <summary>The driver's LightTransmittance that makes it write MTreg 32: 69 / 32, exact in binary.</summary>
    public const double DriverTransmittance = (double)Bh1750Commands.DefaultMeasurementTime / MeasurementTime;

    /// <summary>Lux at a full count of 65535: 65535 / 1.2 × 69 / 32.</summary>
    public const double MaxLux = 65535 / 1.2 * DriverTransmittance;

    /// <summary>The datasheet's 180 ms at most at MTreg 69, scaled to MTreg 32: 84 ms.</summary>
    public static readonly TimeSpan MaxMeasurementTime = TimeSpan.FromMilliseconds(
        Math.Ceiling(Bh1750Commands.HighResolutionMaxTime.TotalMilliseconds * MeasurementTime / Bh1750Commands.DefaultMeasurementTime));

    private readonly Bh1750fvi _driver;
    private readonly TimeProvider _time;
    private long _measuringSince;

    /// <summary>Powers the chip on, resets it and starts measuring: throws when the chip is absent. The caller closes <paramref name="device"/> then.</summary>
    public Bh1750Sensor(SensorOptions options, I2cDevice device, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Options = options;
        _time = time;
        _driver = new Bh1750fvi(device, MeasuringMode.ContinuouslyHighResolutionMode, DriverTransmittance);

        // Sends the measurement instruction; what comes back is the data register's reset value.
        _ = _driver.Illuminance;
        _measuringSince = time.GetTimestamp();
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.Light;

    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        var sinceInstruction = _time.GetElapsedTime(_measuringSince);
        if (sinceInstruction < MaxMeasurementTime)
        {
            await Task.Delay(MaxMeasurementTime - sinceInstruction, _time, cancellationToken).ConfigureAwait(false);
        }

        // Each read sends the instruction again, which starts the next measurement.
        var driverLux = _driver.Illuminance.Lux;
        _measuringSince = _time.GetTimestamp();
        var lux = driverLux * DriverTransmittance * DriverTransmittance;
        return new Dictionary<string, double>(1, StringComparer.Ordinal)
        {
            [ValueNames.IlluminanceLux] = Math.Round(lux),
        };
    }

    public void Dispose() => _driver.Dispose();
}
