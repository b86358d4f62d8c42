using Iot.Device.Bh1750fvi;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Bh1750;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Bh1750;

/// <summary>The emulated BH1750FVI against its datasheet, and what the real driver makes of it.</summary>
public sealed class Bh1750ProtocolTests
{
    private static readonly TimeSpan HighResolutionTime = TimeSpan.FromMilliseconds(120);

    [Fact]
    public void The_datasheet_example_count_0x8390_reads_as_28067_lux()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 28067;

        emulator.WriteByte(0x01);
        emulator.WriteByte(0x10);
        clock.Advance(HighResolutionTime);
        Span<byte> data = stackalloc byte[2];
        emulator.Read(data);

        // Datasheet: High Byte 1000_0011, Low Byte 1001_0000 → (2^15 + 2^9 + 2^8 + 2^7 + 2^4) / 1.2 ≈ 28067 lx.
        Assert.Equal([0x83, 0x90], data.ToArray());
    }

    [Fact]
    public void The_driver_at_its_defaults_reads_the_datasheet_example_back()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 28067;
        using var driver = new Bh1750fvi(emulator);
        _ = driver.Illuminance;

        clock.Advance(HighResolutionTime);

        Assert.Equal(0x8390 / 1.2, driver.Illuminance.Lux, 1e-6);
    }

    [Fact]
    public void Until_the_first_measurement_finishes_the_data_register_reads_its_reset_value()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 500;
        using var driver = new Bh1750fvi(emulator);

        var straightAway = driver.Illuminance.Lux;
        clock.Advance(HighResolutionTime - TimeSpan.FromMilliseconds(1));
        var justBefore = driver.Illuminance.Lux;

        // The driver reads right after its instruction, so its first reading is always 0.
        Assert.Equal(0, straightAway);
        Assert.Equal(0, justBefore);
    }

    [Fact]
    public void The_measurement_time_register_scales_sensitivity_and_measurement_time()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 1000;

        // MTreg 138 = 100_01010: twice the default sensitivity, twice the time (datasheet, "measurement time").
        emulator.WriteByte(0x01);
        emulator.WriteByte(0x44);
        emulator.WriteByte(0x6A);
        emulator.WriteByte(0x10);
        clock.Advance(TimeSpan.FromMilliseconds(239));
        var early = ReadCount(emulator);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var done = ReadCount(emulator);

        Assert.Equal(138, emulator.MeasurementTime);
        Assert.Equal(0, early);
        Assert.Equal(2400, done);
    }

    [Fact]
    public void Low_resolution_mode_finishes_in_16_ms_with_counts_in_steps_of_four()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 1001;

        emulator.WriteByte(0x13);
        clock.Advance(TimeSpan.FromMilliseconds(16));

        // 1001 × 1.2 = 1201.2: 1200 at 4-count steps.
        Assert.Equal(1200, ReadCount(emulator));
    }

    [Fact]
    public void The_driver_in_low_resolution_mode_reads_in_steps_of_about_3_lux()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 1001;
        using var driver = new Bh1750fvi(emulator, MeasuringMode.ContinuouslyLowResolutionMode);
        _ = driver.Illuminance;
        clock.Advance(TimeSpan.FromMilliseconds(16));

        Assert.Equal(1000, driver.Illuminance.Lux, 1e-9);
    }

    [Fact]
    public void A_one_time_measurement_powers_the_chip_down_when_it_finishes()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 100;

        emulator.WriteByte(0x20);
        clock.Advance(HighResolutionTime);
        var first = ReadCount(emulator);
        emulator.IlluminanceOverride = 200;
        clock.Advance(HighResolutionTime * 3);

        Assert.Equal(120, first);
        Assert.Equal(120, ReadCount(emulator));
        Assert.Null(emulator.Mode);
    }

    [Fact]
    public void The_driver_in_one_time_mode_reports_the_previous_measurement()
    {
        using var emulator = NewEmulator(out var clock);
        using var driver = new Bh1750fvi(emulator, MeasuringMode.OneTimeHighResolutionMode);
        emulator.IlluminanceOverride = 100;
        var first = driver.Illuminance.Lux;
        clock.Advance(TimeSpan.FromMinutes(1));
        emulator.IlluminanceOverride = 200;

        var second = driver.Illuminance.Lux;

        // The driver reads before the measurement it asked for has finished: each reading is one behind.
        Assert.Equal(0, first);
        Assert.Equal(100, second, 0.5);
    }

    [Fact]
    public void Reset_clears_the_data_register_only_when_powered_on()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 100;
        emulator.WriteByte(0x10);
        clock.Advance(HighResolutionTime);
        Assert.Equal(120, ReadCount(emulator));

        emulator.WriteByte(0x00);
        emulator.WriteByte(0x07);
        var afterResetInPowerDown = ReadCount(emulator);
        emulator.WriteByte(0x01);
        emulator.WriteByte(0x07);

        Assert.Equal(120, afterResetInPowerDown);
        Assert.Equal(0, ReadCount(emulator));
    }

    [Fact]
    public void A_count_stops_at_65535_in_full_sun_at_the_default_measurement_time()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 100_000;

        emulator.WriteByte(0x10);
        clock.Advance(HighResolutionTime);

        Assert.Equal(65535, ReadCount(emulator));
    }

    [Fact]
    public void The_driver_misreads_any_light_transmittance_but_100_percent_by_its_square()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 10_000;
        using var driver = new Bh1750fvi(emulator, MeasuringMode.ContinuouslyHighResolutionMode, lightTransmittance: 0.5);
        _ = driver.Illuminance;
        clock.Advance(HighResolutionTime * 2);

        var lux = driver.Illuminance.Lux;

        // MTreg 138 doubles the count (24,000); the datasheet's lux is 24,000 / 1.2 × 69 / 138 = 10,000, the driver's 24,000 / 0.6.
        Assert.Equal(138, emulator.MeasurementTime);
        Assert.Equal(40_000, lux, 1e-6);
    }

    [Fact]
    public void The_driver_reads_high_resolution_mode_2_four_times_too_high()
    {
        using var emulator = NewEmulator(out var clock);
        emulator.IlluminanceOverride = 1000;
        using var driver = new Bh1750fvi(emulator, MeasuringMode.ContinuouslyHighResolutionMode2);
        _ = driver.Illuminance;
        clock.Advance(HighResolutionTime);

        var lux = driver.Illuminance.Lux;

        // Mode 2 counts 0.5 lx: 2400 counts are 1000 lx, which the driver multiplies by 2 instead of dividing.
        Assert.Equal(4000, lux, 1e-6);
    }

    private static Bh1750Emulator NewEmulator(out FakeTimeProvider clock)
    {
        clock = new FakeTimeProvider(Bh1750TestBench.PontianakSolarNoon);
        return new Bh1750Emulator(Bh1750TestBench.ClearScenario(), clock);
    }

    private static int ReadCount(Bh1750Emulator emulator)
    {
        Span<byte> data = stackalloc byte[2];
        emulator.Read(data);
        return (data[0] << 8) | data[1];
    }
}
