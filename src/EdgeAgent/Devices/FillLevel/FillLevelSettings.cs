using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Pontive.Iot.EdgeAgent.Devices.FillLevel;

/// <summary>
/// How a distance sensor looking down into a bin turns into a fill level, bound from the sensor's entry:
/// <c>"BinDepthCm": 90</c> (sensor to the bottom of the empty bin) and optionally <c>"FullDistanceCm": 10</c>
/// (sensor to the rubbish when the bin counts as full). Shared by every fill-level driver (hcsr04, vl53l0x).
/// </summary>
internal sealed class FillLevelSettings
{
    /// <summary>Distance from the sensor to the bottom of the empty bin, in centimetres. Required.</summary>
    public double BinDepthCm { get; set; }

    /// <summary>
    /// Distance from the sensor when the bin is full, in centimetres. Absent: the sensor's blind zone, the
    /// nearest distance it can measure (2 cm for the HC-SR04, 3 cm for the VL53L0X).
    /// </summary>
    public double? FullDistanceCm { get; set; }

    /// <summary>The settings in a sensor's configuration entry; an entry without them binds to the defaults.</summary>
    public static FillLevelSettings From(IConfigurationSection sensorSection)
    {
        ArgumentNullException.ThrowIfNull(sensorSection);
        return sensorSection.Get<FillLevelSettings>() ?? new FillLevelSettings();
    }

    /// <summary>
    /// What is wrong with the fill-level settings of a sensor entry, for a driver's <c>Validate</c>: a value that is
    /// not a number, or any problem <see cref="Validate(DistanceSensorRange)"/> finds.
    /// </summary>
    public static IEnumerable<string> ValidateEntry(IConfigurationSection sensorSection, DistanceSensorRange range)
    {
        FillLevelSettings settings;
        try
        {
            settings = From(sensorSection);
        }
        catch (InvalidOperationException exception)
        {
            return [$"BinDepthCm and FullDistanceCm must be numbers of centimetres: {exception.Message}"];
        }

        return settings.Validate(range);
    }

    /// <summary>What is wrong with these settings for a sensor of <paramref name="range"/>, in plain words naming the setting.</summary>
    public IEnumerable<string> Validate(DistanceSensorRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (!double.IsFinite(BinDepthCm) || BinDepthCm <= 0)
        {
            yield return "BinDepthCm is required: the distance in cm from the sensor to the bottom of the empty bin";
            yield break;
        }

        if (BinDepthCm > range.MaxCm)
        {
            yield return $"BinDepthCm {Cm(BinDepthCm)} is beyond what the {range.SensorName} measures (at most {Cm(range.MaxCm)} cm)";
        }

        if (FullDistanceCm is { } full)
        {
            if (!double.IsFinite(full) || full < range.BlindZoneCm)
            {
                yield return $"FullDistanceCm {Cm(full)} is nearer than the {range.SensorName} can measure (at least {Cm(range.BlindZoneCm)} cm)";
            }
            else if (full >= BinDepthCm)
            {
                yield return $"FullDistanceCm {Cm(full)} must be below BinDepthCm {Cm(BinDepthCm)} (rubbish rises towards the sensor)";
            }
        }
        else if (BinDepthCm <= range.BlindZoneCm)
        {
            yield return $"BinDepthCm {Cm(BinDepthCm)} must be above the {range.SensorName}'s blind zone ({Cm(range.BlindZoneCm)} cm)";
        }
    }

    /// <summary>The gauge these settings describe; <see cref="Validate"/> them first.</summary>
    public FillLevelGauge Gauge(DistanceSensorRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return new FillLevelGauge(BinDepthCm, FullDistanceCm ?? range.BlindZoneCm);
    }

    private static string Cm(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
