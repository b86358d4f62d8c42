using Pontive.Iot.EdgeAgent.Devices.Bme280;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>The emulator's own copy of the datasheet formulas, checked against the datasheet's numbers.</summary>
public sealed class Bme280CompensationTests
{
    private static readonly Bme280Calibration Calibration = Bme280Calibration.Typical;

    [Fact]
    public void Reproduces_the_datasheet_worked_example_for_temperature()
    {
        var temperature = Bme280Compensation.Temperature(519888, Calibration);

        Assert.Equal(25.08, Math.Round(temperature.Celsius, 2));
        Assert.Equal(128422, Math.Floor(temperature.Fine));
    }

    [Fact]
    public void Reproduces_the_datasheet_worked_example_for_pressure()
    {
        var fine = Bme280Compensation.Temperature(519888, Calibration).Fine;

        var pressure = Bme280Compensation.PressurePascals(415148, fine, Calibration);

        Assert.Equal(100653.27, pressure, 0.005);
    }

    [Theory]
    [InlineData(-40.0, 0.0, 300.0)]
    [InlineData(27.0, 80.0, 1009.0)]
    [InlineData(85.0, 100.0, 1100.0)]
    public void Finds_raw_values_that_the_formulas_turn_back_into_the_conditions(
        double celsius, double humidityPercent, double hectopascals)
    {
        var raw = Bme280RawValueSolver.Solve(new Bme280Conditions(celsius, humidityPercent, hectopascals), Calibration);

        var temperature = Bme280Compensation.Temperature(raw.Temperature, Calibration);
        Assert.Equal(celsius, temperature.Celsius, 0.001);
        Assert.Equal(hectopascals * 100, Bme280Compensation.PressurePascals(raw.Pressure, temperature.Fine, Calibration), 0.2);
        Assert.Equal(humidityPercent, Bme280Compensation.HumidityPercent(raw.Humidity, temperature.Fine, Calibration), 0.01);
    }
}
