using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.Bh1750;
using Pontive.Iot.EdgeAgent.Devices.Vl53l0x;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Vl53l0x;

/// <summary>Fill level from the distance, through the sensor, the real driver and the emulated VL53L0X.</summary>
public sealed class Vl53l0xSensorTests
{
    [Theory]
    [InlineData(90.0, 0.0)]
    [InlineData(48.5, 47.7)]
    [InlineData(3.0, 100.0)]
    [InlineData(112.3, 0.0)]
    public async Task The_sensor_reports_the_distance_and_the_fill_of_the_bin(double distanceCm, double expectedFill)
    {
        using var bench = Vl53l0xTestBench.Connected();
        bench.Emulator.DistanceOverrideCm = distanceCm;

        var values = await bench.ReadAsync();

        Assert.Equal(distanceCm, values[ValueNames.DistanceCm]);
        Assert.Equal(expectedFill, values[ValueNames.FillPct]);
    }

    [Fact]
    public async Task A_reading_is_the_median_of_three_single_shots()
    {
        using var bench = Vl53l0xTestBench.Connected();
        var before = bench.Emulator.RangingCount;

        await bench.ReadAsync();

        Assert.Equal(before + Vl53l0xSensor.ShotsPerReading, bench.Emulator.RangingCount);
    }

    [Fact]
    public async Task The_bin_fills_through_the_day_and_is_empty_after_collection()
    {
        var morning = new DateTimeOffset(2026, 11, 28, 7, 0, 0, TimeSpan.FromHours(7));
        using var bench = Vl53l0xTestBench.Connected(start: morning);
        var justEmptied = await bench.ReadAsync();

        bench.Clock.Advance(TimeSpan.FromHours(10));
        var afternoon = await bench.ReadAsync();

        Assert.Equal(90.0, justEmptied[ValueNames.DistanceCm]);
        Assert.Equal(0.0, justEmptied[ValueNames.FillPct]);
        Assert.Equal(50.0, afternoon[ValueNames.DistanceCm]);
        Assert.Equal(46.0, afternoon[ValueNames.FillPct]);
    }

    [Fact]
    public async Task No_target_in_any_shot_is_reported_not_taken_for_an_empty_bin()
    {
        using var bench = Vl53l0xTestBench.Connected();
        bench.Emulator.DistanceOverrideCm = double.PositiveInfinity;

        var error = await Assert.ThrowsAsync<InvalidDataException>(bench.ReadAsync);

        Assert.Equal("The VL53L0X finds no target within 2 m: is it facing down into the bin, with the lid shut and its window clean?", error.Message);
    }

    [Fact]
    public void Another_chip_at_the_address_is_refused_before_the_driver_starts()
    {
        var clock = new FakeTimeProvider(Vl53l0xTestBench.PontianakNoon);
        using var lightSensor = new Bh1750Emulator(new Bh1750Scenario(), clock, new System.Device.I2c.I2cConnectionSettings(1, 0x29));

        var error = Assert.Throws<InvalidDataException>(
            () => new Vl53l0xSensor(new SensorOptions { Id = "bin-1" }, lightSensor, Vl53l0xTestBench.Bin));

        Assert.Equal("The chip at 0x29 reports model id 0x00, not the VL53L0X's 0xEE: is another chip on that address?", error.Message);
    }
}
