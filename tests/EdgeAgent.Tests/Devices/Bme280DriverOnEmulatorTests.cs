using Iot.Device.Bmxx80;
using Iot.Device.Bmxx80.FilteringMode;
using Iot.Device.Bmxx80.PowerMode;
using Pontive.Iot.EdgeAgent.Devices.Bme280;

// Plain "Sampling" would name the agent's Pontive.Iot.EdgeAgent.Sampling namespace.
using Oversampling = Iot.Device.Bmxx80.Sampling;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>The real Iot.Device.Bindings driver reads what the emulated chip is told the air is like.</summary>
public sealed class Bme280DriverOnEmulatorTests
{
    [Theory]
    [InlineData(-40.0, 5.0, 300.0)]
    [InlineData(-10.5, 20.0, 540.0)]
    [InlineData(0.0, 35.5, 700.0)]
    [InlineData(25.0, 50.0, 1013.25)]
    [InlineData(27.0, 80.0, 1009.0)]
    [InlineData(33.7, 97.3, 1003.4)]
    [InlineData(60.0, 65.0, 1100.0)]
    [InlineData(85.0, 99.5, 850.0)]
    public void The_driver_reads_back_the_conditions_set_on_the_emulator(
        double celsius, double humidityPercent, double hectopascals)
    {
        using var bench = Bme280TestBench.Connected();
        bench.Emulator.ConditionsOverride = new Bme280Conditions(celsius, humidityPercent, hectopascals);

        var read = bench.Read();

        Assert.Equal(celsius, read.TemperatureCelsius, 0.01);
        Assert.Equal(humidityPercent, read.RelativeHumidityPercent, 0.05);
        Assert.Equal(hectopascals, read.PressureHectopascals, 0.01);
    }

    [Fact]
    public void The_driver_with_its_default_settings_measures_in_forced_mode()
    {
        using var bench = Bme280TestBench.Unconnected();
        bench.ConnectDriver();
        bench.Emulator.ConditionsOverride = new Bme280Conditions(29.4, 74.0, 1008.2);

        var read = bench.Read();

        // Forced mode converts once and the chip goes back to sleep, as the driver expects.
        Assert.Equal(Bmx280PowerMode.Sleep, bench.Driver.ReadPowerMode());
        Assert.Equal(29.4, read.TemperatureCelsius, 0.01);
        Assert.Equal(74.0, read.RelativeHumidityPercent, 0.05);

        // x1 oversampling resolves pressure to about 2.6 Pa, so the reading is within half of that.
        Assert.Equal(1008.2, read.PressureHectopascals, 0.014);
    }

    [Fact]
    public void A_forced_reading_reports_the_conditions_at_the_moment_it_was_triggered()
    {
        using var bench = Bme280TestBench.Unconnected();
        bench.ConnectDriver();
        bench.Emulator.ConditionsOverride = new Bme280Conditions(22.0, 60.0, 1010.0);
        Assert.Equal(22.0, bench.Read().TemperatureCelsius, 0.01);

        bench.Emulator.ConditionsOverride = new Bme280Conditions(31.0, 60.0, 1010.0);

        Assert.Equal(31.0, bench.Read().TemperatureCelsius, 0.01);
    }

    [Fact]
    public void Pressure_at_x1_oversampling_moves_in_steps_of_about_2_6_pascals_as_on_the_chip()
    {
        using var coarse = Bme280TestBench.Connected();
        coarse.Driver.PressureSampling = Oversampling.UltraLowPower;
        using var fine = Bme280TestBench.Connected();

        var coarseSteps = DistinctPressureStepsPascals(coarse);
        var fineSteps = DistinctPressureStepsPascals(fine);

        Assert.NotEmpty(coarseSteps);
        Assert.All(coarseSteps, step => Assert.InRange(step, 2.4, 2.9));
        Assert.All(fineSteps, step => Assert.InRange(step, 0.1, 0.2));
    }

    [Fact]
    public void A_skipped_measurement_leaves_the_datasheet_no_data_value_in_its_registers()
    {
        using var bench = Bme280TestBench.Unconnected();
        Span<byte> data = stackalloc byte[8];

        // ctrl_hum: humidity skipped; ctrl_meas: temperature x1, pressure skipped, forced mode.
        bench.Emulator.Write([0xF2, 0b000, 0xF4, 0b001_000_01]);
        bench.Emulator.WriteRead([0xF7], data);

        Assert.Equal([0x80, 0x00, 0x00], data[..3].ToArray());
        Assert.NotEqual([0x80, 0x00, 0x00], data[3..6].ToArray());
        Assert.Equal([0x80, 0x00], data[6..].ToArray());
    }

    [Fact]
    public void With_the_IIR_filter_on_pressure_resolves_to_20_bits_even_at_x1_oversampling()
    {
        using var bench = Bme280TestBench.Connected();
        bench.Driver.PressureSampling = Oversampling.UltraLowPower;
        bench.Driver.FilterMode = Bmx280FilteringMode.X4;
        bench.Emulator.ConditionsOverride = new Bme280Conditions(27.0, 80.0, 1009.01);

        Assert.Equal(1009.01, bench.Read().PressureHectopascals, 0.001);
    }

    [Fact]
    public void Calibration_registers_hold_dig_H4_and_dig_H5_split_across_the_nibbles_of_0xE5()
    {
        using var bench = Bme280TestBench.Unconnected();
        Span<byte> registers = stackalloc byte[3];

        bench.Emulator.WriteRead([0xE4], registers);

        // dig_H4 = 313 = 0x139, dig_H5 = 50 = 0x032 (the datasheet's trimming-parameter layout).
        Assert.Equal([0x13, 0x29, 0x03], registers.ToArray());
    }

    [Theory]
    [InlineData(-30.0, 40.0)]
    [InlineData(5.0, 90.0)]
    [InlineData(70.0, 25.0)]
    public void The_driver_decodes_the_shared_humidity_calibration_nibbles_correctly(double celsius, double humidityPercent)
    {
        using var bench = Bme280TestBench.Connected();
        bench.Emulator.ConditionsOverride = new Bme280Conditions(celsius, humidityPercent, 1000.0);

        var read = bench.Read();

        Assert.Equal(humidityPercent, read.RelativeHumidityPercent, 0.05);
    }

    [Theory]
    [InlineData(-30.0, 40.0)]
    [InlineData(5.0, 90.0)]
    [InlineData(70.0, 25.0)]
    public void Swapping_the_nibbles_of_0xE5_would_move_humidity_further_than_the_decoding_test_allows(
        double celsius, double humidityPercent)
    {
        // Keeps the decoding test honest: a driver reading 0xE5's nibbles the wrong way round fails it.
        var calibration = Bme280Calibration.Typical;
        var swapped = calibration with { DigH4 = (0x13 << 4) | 0x2, DigH5 = (0x03 << 4) | 0x9 };
        var raw = Bme280RawValueSolver.Solve(new Bme280Conditions(celsius, humidityPercent, 1000.0), calibration);
        var fine = Bme280Compensation.Temperature(raw.Temperature, calibration).Fine;

        var misread = Bme280Compensation.HumidityPercent(raw.Humidity, fine, swapped);

        Assert.True(Math.Abs(misread - humidityPercent) > 0.1, $"misread {misread} %");
    }

    private static List<double> DistinctPressureStepsPascals(Bme280TestBench bench)
    {
        // 0.1 Pa apart across 8 Pa: finer than either resolution.
        var readings = new SortedSet<double>();
        for (var i = 0; i <= 80; i++)
        {
            bench.Emulator.ConditionsOverride = new Bme280Conditions(27.0, 80.0, 1009.0 + (i * 0.001));
            readings.Add(Math.Round(bench.Read().PressureHectopascals * 100, 6));
        }

        return readings.Zip(readings.Skip(1), (low, high) => high - low).ToList();
    }
}
