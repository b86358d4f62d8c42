using Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Ads1115Soil;

/// <summary>Moisture from the probe's voltage, through the sensor, the real driver and the emulated ADS1115.</summary>
public sealed class Ads1115SoilSensorTests
{
    [Theory]
    [InlineData(2.8, 0.0)]
    [InlineData(2.0, 50.0)]
    [InlineData(1.6, 75.0)]
    [InlineData(1.2, 100.0)]
    [InlineData(2.31, 30.6)]
    public void Moisture_is_linear_between_the_dry_and_wet_calibration_points(double probeVolts, double expectedPercent)
    {
        using var bench = Ads1115SoilTestBench.Connected(Ads1115SoilTestBench.SteadyScenario(probeVolts));

        Assert.Equal(expectedPercent, bench.ReadMoisture());
    }

    [Theory]
    [InlineData(3.0, 0.0)]
    [InlineData(1.05, 100.0)]
    public void A_probe_slightly_past_its_calibration_reads_as_bone_dry_or_soaked(double probeVolts, double expectedPercent)
    {
        using var bench = Ads1115SoilTestBench.Connected(Ads1115SoilTestBench.SteadyScenario(probeVolts));

        Assert.Equal(expectedPercent, bench.ReadMoisture());
    }

    [Fact]
    public void The_sensor_reads_the_input_its_probe_is_wired_to()
    {
        using var bench = Ads1115SoilTestBench.Connected(Ads1115SoilTestBench.SteadyScenario(2.0), channel: 2);
        bench.Emulator.OverrideVolts(0, 1.2);
        bench.Emulator.OverrideVolts(1, 2.8);
        bench.Emulator.OverrideVolts(3, 1.6);

        Assert.Equal(50.0, bench.ReadMoisture());
    }

    [Fact]
    public void The_sensor_converts_single_shot_on_the_4_096_volt_range()
    {
        using var bench = Ads1115SoilTestBench.Connected(channel: 3);
        var conversionsBefore = bench.Emulator.ConversionCount;

        bench.ReadMoisture();
        var config = bench.Emulator.ConfigRegister;

        Assert.Equal(0b111, (config >> 12) & 0b111);
        Assert.Equal(0b001, (config >> 9) & 0b111);
        Assert.Equal(0x0100, config & 0x0100);
        Assert.Equal(conversionsBefore + 1, bench.Emulator.ConversionCount);
    }

    [Fact]
    public void Each_reading_is_a_new_conversion_of_the_drying_bed()
    {
        var scenario = new Ads1115Scenario { NoiseVolts = 0 };
        var afterMorningWatering = new DateTimeOffset(2026, 11, 28, 6, 30, 0, TimeSpan.FromHours(7));
        using var bench = Ads1115SoilTestBench.Connected(scenario, start: afterMorningWatering);
        var watered = bench.ReadMoisture();

        bench.Clock.Advance(TimeSpan.FromHours(6));
        var noon = bench.ReadMoisture();

        // 1.45 V then 1.45 + 6 × 0.04 = 1.69 V: 84.4 % then 69.4 %.
        Assert.Equal(84.4, watered);
        Assert.Equal(69.4, noon);
    }

    [Fact]
    public void A_probe_that_reads_far_outside_its_calibration_is_reported_as_disconnected()
    {
        using var bench = Ads1115SoilTestBench.Connected(channel: 1);
        bench.Emulator.OverrideVolts(1, 0.02);

        var error = Assert.Throws<InvalidDataException>(() => bench.ReadMoisture());

        Assert.Equal(
            "A1 reads 0.020 V (160 counts), far outside the probe's calibration (9600 wet to 22400 dry): is the probe connected to A1?",
            error.Message);
    }
}
