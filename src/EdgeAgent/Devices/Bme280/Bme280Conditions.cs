namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>What the air around an emulated BME280 is like.</summary>
internal readonly record struct Bme280Conditions(
    double TemperatureCelsius,
    double RelativeHumidityPercent,
    double PressureHectopascals)
{
    // The chip's operating range (datasheet, "Operating range").
    public const double MinTemperatureCelsius = -40;
    public const double MaxTemperatureCelsius = 85;
    public const double MinPressureHectopascals = 300;
    public const double MaxPressureHectopascals = 1100;

    /// <summary>The nearest conditions inside the range the chip is specified for.</summary>
    public Bme280Conditions ClampedToOperatingRange() => new(
        Math.Clamp(TemperatureCelsius, MinTemperatureCelsius, MaxTemperatureCelsius),
        Math.Clamp(RelativeHumidityPercent, 0, 100),
        Math.Clamp(PressureHectopascals, MinPressureHectopascals, MaxPressureHectopascals));
}
