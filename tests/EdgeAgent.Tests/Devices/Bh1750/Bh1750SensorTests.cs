using Pontive.Iot.EdgeAgent.Devices.Bh1750;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Bh1750;

/// <summary>Lux through the sensor, the real driver and the emulated BH1750FVI.</summary>
public sealed class Bh1750SensorTests
{
    [Theory]
    [InlineData(100_000.0, 100_000.0)]
    [InlineData(28_067.0, 28_065.0)]
    [InlineData(350.0, 349.0)]
    [InlineData(0.0, 0.0)]
    public async Task The_sensor_reads_the_light_to_the_chip_resolution(double lux, double expected)
    {
        using var bench = Bh1750TestBench.Unconnected();
        bench.Emulator.IlluminanceOverride = lux;
        bench.Connect();
        bench.Clock.Advance(Bh1750Sensor.MaxMeasurementTime);

        var read = await bench.ReadLuxAsync();

        // MTreg 32 resolves 1.8 lx: the count is the floor of lux × 1.2 × 32 / 69, and the lux are rounded to whole ones.
        Assert.Equal(expected, read);
        Assert.InRange(read, lux - 2.3, lux);
    }

    [Fact]
    public async Task Light_beyond_the_extended_range_reads_as_its_maximum()
    {
        using var bench = Bh1750TestBench.Unconnected();
        bench.Emulator.IlluminanceOverride = 150_000;
        bench.Connect();
        bench.Clock.Advance(Bh1750Sensor.MaxMeasurementTime);

        Assert.Equal(Math.Round(Bh1750Sensor.MaxLux), await bench.ReadLuxAsync());
        Assert.Equal(117_758, Math.Round(Bh1750Sensor.MaxLux));
    }

    [Fact]
    public async Task The_sensor_sets_the_measurement_time_to_32_for_the_noon_sun()
    {
        using var bench = Bh1750TestBench.Connected();

        await bench.ReadLuxAsync();

        Assert.Equal(Bh1750Sensor.MeasurementTime, bench.Emulator.MeasurementTime);
        Assert.Equal((byte)0x10, bench.Emulator.Mode);
    }

    [Fact]
    public async Task The_first_reading_waits_for_the_first_measurement_instead_of_reporting_darkness()
    {
        using var bench = Bh1750TestBench.Unconnected();
        bench.Emulator.IlluminanceOverride = 5000;
        bench.Connect();

        var reading = bench.Sensor.ReadAsync(CancellationToken.None).AsTask();
        Assert.False(reading.IsCompleted);
        bench.Clock.Advance(Bh1750Sensor.MaxMeasurementTime);
        var values = await reading;

        Assert.InRange(values["illuminance_lux"], 4998, 5000);
    }

    [Fact]
    public async Task Each_reading_reports_the_light_of_that_moment()
    {
        using var bench = Bh1750TestBench.Connected();
        bench.Emulator.IlluminanceOverride = 1200;
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var first = await bench.ReadLuxAsync();

        bench.Emulator.IlluminanceOverride = 30_000;
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await bench.ReadLuxAsync();

        Assert.InRange(first, 1198, 1200);
        Assert.InRange(second, 29_998, 30_000);
    }

    [Fact]
    public async Task At_night_the_sensor_reads_zero_and_at_noon_the_sun()
    {
        var evening = new DateTimeOffset(2026, 11, 28, 21, 0, 0, TimeSpan.FromHours(7));
        using var night = Bh1750TestBench.Connected(start: evening);
        using var noon = Bh1750TestBench.Connected();

        Assert.Equal(0, await night.ReadLuxAsync());
        Assert.InRange(await noon.ReadLuxAsync(), 99_998, 100_000);
    }
}
