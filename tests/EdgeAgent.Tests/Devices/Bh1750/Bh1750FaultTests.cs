namespace Pontive.Iot.EdgeAgent.Tests.Devices.Bh1750;

/// <summary>Bus faults of the emulated BH1750FVI reach the light sensor as they would from a real chip.</summary>
public sealed class Bh1750FaultTests
{
    [Fact]
    public void A_chip_absent_at_start_makes_the_sensor_fail_to_connect()
    {
        var scenario = Bh1750TestBench.ClearScenario();
        scenario.AbsentAtStart = true;
        using var bench = Bh1750TestBench.Unconnected(scenario);

        Assert.Throws<IOException>(bench.Connect);
    }

    [Fact]
    public async Task A_chip_plugged_in_after_start_connects_and_reads()
    {
        var scenario = Bh1750TestBench.ClearScenario();
        scenario.AbsentAtStart = true;
        using var bench = Bh1750TestBench.Unconnected(scenario);
        Assert.Throws<IOException>(bench.Connect);

        bench.Emulator.Absent = false;
        bench.Connect();
        bench.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.InRange(await bench.ReadLuxAsync(), 99_900, 100_000);
    }

    [Fact]
    public async Task A_one_off_bus_error_fails_one_read_and_the_next_read_recovers()
    {
        using var bench = Bh1750TestBench.Connected();
        bench.Emulator.FailNextTransfer();

        await Assert.ThrowsAsync<IOException>(bench.ReadLuxAsync);
        bench.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.InRange(await bench.ReadLuxAsync(), 99_900, 100_000);
    }

    [Fact]
    public async Task A_stuck_chip_keeps_reporting_the_same_light_until_it_recovers()
    {
        using var bench = Bh1750TestBench.Connected();
        bench.Emulator.IlluminanceOverride = 800;
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var before = await bench.ReadLuxAsync();

        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.IlluminanceOverride = 40_000;
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var stuck = await bench.ReadLuxAsync();
        bench.Emulator.MeasurementsFrozen = false;
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var recovered = await bench.ReadLuxAsync();

        Assert.Equal(before, stuck);
        Assert.InRange(recovered, 39_998, 40_000);
    }

    [Fact]
    public async Task A_chip_unplugged_mid_run_fails_every_read_until_it_is_back()
    {
        var start = Bh1750TestBench.PontianakSolarNoon;
        var scenario = Bh1750TestBench.ClearScenario();
        scenario.FailFrom = start.AddMinutes(5);
        scenario.FailUntil = start.AddMinutes(15);
        using var bench = Bh1750TestBench.Connected(scenario, start);

        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        await Assert.ThrowsAsync<IOException>(bench.ReadLuxAsync);
        bench.Clock.Advance(TimeSpan.FromMinutes(9));
        await Assert.ThrowsAsync<IOException>(bench.ReadLuxAsync);
        bench.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.InRange(await bench.ReadLuxAsync(), 99_000, 100_000);
    }

    [Fact]
    public async Task The_scenario_stuck_window_holds_the_reading_inside_it_and_not_after()
    {
        var start = Bh1750TestBench.PontianakSolarNoon;
        var scenario = Bh1750TestBench.ClearScenario();
        scenario.StuckFrom = start.AddMinutes(1);
        scenario.StuckUntil = start.AddHours(3);
        using var bench = Bh1750TestBench.Connected(scenario, start);
        var atNoon = await bench.ReadLuxAsync();

        bench.Clock.Advance(TimeSpan.FromHours(2));
        var stuck = await bench.ReadLuxAsync();
        bench.Clock.Advance(TimeSpan.FromHours(2));
        var afterwards = await bench.ReadLuxAsync();

        Assert.Equal(atNoon, stuck);
        Assert.True(afterwards < atNoon - 10_000, $"The afternoon sun is lower: {afterwards} lx after {atNoon} lx.");
    }
}
