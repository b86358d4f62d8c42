namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>
/// Finds the raw ADC values that the datasheet's compensation turns back into given conditions, by
/// binary search on <see cref="Bme280Compensation"/>: each formula is monotonic over its ADC range, so the
/// search needs no closed-form inverse (the pressure and humidity formulas are quadratic and have none
/// worth writing).
/// </summary>
internal static class Bme280RawValueSolver
{
    private const int TwentyBitCount = 1 << 20;
    private const int SixteenBitCount = 1 << 16;

    /// <param name="temperatureStep">The chip's temperature resolution in 20-bit ADC counts: 16 at 16-bit, 1 at 20-bit.</param>
    /// <param name="pressureStep">The same for pressure.</param>
    public static Bme280RawValues Solve(
        Bme280Conditions conditions,
        Bme280Calibration calibration,
        int temperatureStep = 1,
        int pressureStep = 1)
    {
        var temperature = Closest(
            code => Bme280Compensation.Temperature(code * temperatureStep, calibration).Celsius,
            TwentyBitCount / temperatureStep,
            conditions.TemperatureCelsius) * temperatureStep;

        // Pressure and humidity are compensated with the t_fine the host will compute from the quantised
        // temperature it reads, not from the ideal one.
        var fine = Bme280Compensation.Temperature(temperature, calibration).Fine;

        var pressure = Closest(
            code => Bme280Compensation.PressurePascals(code * pressureStep, fine, calibration),
            TwentyBitCount / pressureStep,
            conditions.PressureHectopascals * 100.0) * pressureStep;

        var humidity = Closest(
            code => Bme280Compensation.HumidityPercent(code, fine, calibration),
            SixteenBitCount,
            conditions.RelativeHumidityPercent);

        return new Bme280RawValues(temperature, pressure, humidity);
    }

    /// <summary>The code in [0, count) whose value is nearest <paramref name="target"/>, for a monotonic function.</summary>
    private static int Closest(Func<int, double> valueOf, int count, double target)
    {
        var rising = valueOf(count - 1) >= valueOf(0);

        // The first code at or past the target in the function's direction.
        int low = 0, high = count;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var value = valueOf(middle);
            if (rising ? value >= target : value <= target)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        if (low == count)
        {
            return count - 1;
        }

        if (low == 0)
        {
            return 0;
        }

        var before = Math.Abs(valueOf(low - 1) - target);
        var after = Math.Abs(valueOf(low) - target);
        return before <= after ? low - 1 : low;
    }
}

/// <summary>Raw ADC values as the chip reports them: 20-bit temperature and pressure, 16-bit humidity.</summary>
internal readonly record struct Bme280RawValues(int Temperature, int Pressure, int Humidity);
