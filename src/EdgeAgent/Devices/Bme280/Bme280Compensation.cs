namespace Pontive.Iot.EdgeAgent.Devices.Bme280;

/// <summary>
/// The datasheet's compensation formulas, double-precision version (BME280 datasheet section 8.1), written
/// out independently of the driver so the emulator has its own reference to invert.
/// </summary>
/// <remarks>
/// t_fine keeps its fraction here. The datasheet's C code casts it to a 32-bit integer, but its worked
/// example (100653.27 Pa) is only reproduced with the fraction kept, and the Iot.Device.Bindings 4.2.0
/// driver keeps it too; the cast would move pressure by about 0.01 Pa.
/// </remarks>
internal static class Bme280Compensation
{
    public static CompensatedTemperature Temperature(int adcTemperature, Bme280Calibration calibration)
    {
        double adc = adcTemperature;
        var var1 = ((adc / 16384.0) - (calibration.DigT1 / 1024.0)) * calibration.DigT2;
        var offset = (adc / 131072.0) - (calibration.DigT1 / 8192.0);
        var var2 = offset * offset * calibration.DigT3;
        return new CompensatedTemperature((var1 + var2) / 5120.0, var1 + var2);
    }

    public static double PressurePascals(int adcPressure, double temperatureFine, Bme280Calibration calibration)
    {
        var var1 = (temperatureFine / 2.0) - 64000.0;
        var var2 = var1 * var1 * calibration.DigP6 / 32768.0;
        var2 += var1 * calibration.DigP5 * 2.0;
        var2 = (var2 / 4.0) + (calibration.DigP4 * 65536.0);
        var1 = ((calibration.DigP3 * var1 * var1 / 524288.0) + (calibration.DigP2 * var1)) / 524288.0;
        var1 = (1.0 + (var1 / 32768.0)) * calibration.DigP1;
        if (var1 == 0.0)
        {
            // The datasheet's guard against dividing by zero with blank calibration.
            return 0.0;
        }

        var pressure = 1048576.0 - adcPressure;
        pressure = (pressure - (var2 / 4096.0)) * 6250.0 / var1;
        var1 = calibration.DigP9 * pressure * pressure / 2147483648.0;
        var2 = pressure * calibration.DigP8 / 32768.0;
        return pressure + ((var1 + var2 + calibration.DigP7) / 16.0);
    }

    public static double HumidityPercent(int adcHumidity, double temperatureFine, Bme280Calibration calibration)
    {
        var humidity = temperatureFine - 76800.0;
        humidity = (adcHumidity - ((calibration.DigH4 * 64.0) + (calibration.DigH5 / 16384.0 * humidity)))
            * (calibration.DigH2 / 65536.0
               * (1.0 + (calibration.DigH6 / 67108864.0 * humidity * (1.0 + (calibration.DigH3 / 67108864.0 * humidity)))));
        humidity *= 1.0 - (calibration.DigH1 * humidity / 524288.0);
        return Math.Clamp(humidity, 0.0, 100.0);
    }
}

/// <summary>A compensated temperature and the fine value that pressure and humidity compensation take from it.</summary>
internal readonly record struct CompensatedTemperature(double Celsius, double Fine);
