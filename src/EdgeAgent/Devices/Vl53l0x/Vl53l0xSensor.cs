using System.Device.I2c;
using System.Globalization;
using Iot.Device.Vl53L0X;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.FillLevel;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

/// <summary>
/// A bin's fill level from a VL53L0X looking down from the lid, through the Iot.Device.Vl53L0X driver in its
/// long-range precision (0.1 MCPS signal limit, VCSEL 18/14 periods: up to 2 m). Each reading takes
/// <see cref="ShotsPerReading"/> single-shot rangings and keeps the median of those that found a target.
/// </summary>
/// <remarks>
/// The driver's <c>Distance</c> and <c>GetDistanceOnce</c> turn a bus failure into 8190 (its "out of range"), which
/// would report an unplugged sensor as an empty bin; <c>DistanceSingleMeasurement</c> lets the failure through.
/// The driver never checks the chip's identity, so the sensor reads the model id first: 0x29 is also the address
/// of other chips (a TSL2561 light sensor, a VL6180X).
/// </remarks>
internal sealed class Vl53l0xSensor : ISensor
{
    public const int ShotsPerReading = 3;

    /// <summary>Nothing nearer than 3 cm (the datasheet's minimum), nothing beyond 2 m in long-range precision.</summary>
    public static readonly DistanceSensorRange Range = new("VL53L0X", BlindZoneCm: 3, MaxCm: 200);

    private readonly Vl53L0X _driver;
    private readonly FillLevelGauge _gauge;

    /// <summary>Checks the chip, then runs the driver's start-up and calibrations: throws when the chip is absent or another one.</summary>
    public Vl53l0xSensor(SensorOptions options, I2cDevice device, FillLevelGauge gauge)
    {
        ArgumentNullException.ThrowIfNull(device);
        Options = options;
        _gauge = gauge;
        ThrowUnlessVl53l0x(device);
        _driver = new Vl53L0X(device, operationTimeoutMilliseconds: 500, shouldDispose: true);
    }

    public SensorOptions Options { get; }

    public SensorKind Kind => SensorKinds.FillLevel;

    /// <summary>Three rangings of about 33 ms each, which the driver waits out in a spin loop: kept off the caller's thread.</summary>
    public async ValueTask<IReadOnlyDictionary<string, double>> ReadAsync(CancellationToken cancellationToken)
    {
        var millimeters = await Task.Run(MedianRange, cancellationToken).ConfigureAwait(false);
        var distanceCm = Math.Round(millimeters / 10.0, 1);
        return _gauge.Values(distanceCm);
    }

    public void Dispose() => _driver.Dispose();

    private static void ThrowUnlessVl53l0x(I2cDevice device)
    {
        device.WriteByte(Vl53l0xRegisters.IdentificationModelId);
        var modelId = device.ReadByte();
        if (modelId != Vl53l0xRegisters.ModelIdValue)
        {
            var address = device.ConnectionSettings.DeviceAddress;
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"The chip at 0x{address:X2} reports model id 0x{modelId:X2}, not the VL53L0X's 0xEE: is another chip on that address?"));
        }
    }

    private int MedianRange()
    {
        var found = new List<int>(ShotsPerReading);
        for (var shot = 0; shot < ShotsPerReading; shot++)
        {
            var millimeters = _driver.DistanceSingleMeasurement;
            if (millimeters < Vl53l0xRegisters.OutOfRangeMillimeters)
            {
                found.Add(millimeters);
            }
        }

        if (found.Count == 0)
        {
            throw new InvalidDataException(
                "The VL53L0X finds no target within 2 m: is it facing down into the bin, with the lid shut and its window clean?");
        }

        found.Sort();
        return found[found.Count / 2];
    }
}
