using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Vl53l0x;

/// <summary>Bus faults of the emulated VL53L0X reach the fill-level sensor as they would from a real chip.</summary>
public sealed class Vl53l0xFaultTests
{
    [Fact]
    public void A_chip_absent_at_start_makes_the_sensor_fail_to_connect()
    {
        var scenario = Vl53l0xTestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        using var bench = Vl53l0xTestBench.Unconnected(scenario);

        Assert.Throws<IOException>(bench.Connect);
    }

    [Fact]
    public async Task A_chip_plugged_in_after_start_connects_and_reads()
    {
        var scenario = Vl53l0xTestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        using var bench = Vl53l0xTestBench.Unconnected(scenario);
        Assert.Throws<IOException>(bench.Connect);

        bench.Emulator.Absent = false;
        bench.Connect();
        bench.Emulator.DistanceOverrideCm = 70;

        Assert.Equal(70.0, (await bench.ReadAsync())[ValueNames.DistanceCm]);
    }

    [Fact]
    public async Task A_one_off_bus_error_fails_one_read_and_the_next_read_recovers()
    {
        using var bench = Vl53l0xTestBench.Connected();
        bench.Emulator.DistanceOverrideCm = 70;
        bench.Emulator.FailNextTransfer();

        await Assert.ThrowsAsync<IOException>(bench.ReadAsync);

        Assert.Equal(70.0, (await bench.ReadAsync())[ValueNames.DistanceCm]);
    }

    [Fact]
    public async Task A_stuck_chip_keeps_reporting_the_same_distance_until_it_recovers()
    {
        using var bench = Vl53l0xTestBench.Connected();
        bench.Emulator.DistanceOverrideCm = 70;
        var before = await bench.ReadAsync();

        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.DistanceOverrideCm = 20;
        var stuck = await bench.ReadAsync();
        bench.Emulator.MeasurementsFrozen = false;
        var recovered = await bench.ReadAsync();

        Assert.Equal(before, stuck);
        Assert.Equal(20.0, recovered[ValueNames.DistanceCm]);
    }

    [Fact]
    public async Task A_chip_unplugged_mid_run_fails_every_read_until_it_is_back()
    {
        var start = Vl53l0xTestBench.PontianakNoon;
        var scenario = Vl53l0xTestBench.QuietScenario();
        scenario.FailFrom = start.AddMinutes(5);
        scenario.FailUntil = start.AddMinutes(15);
        using var bench = Vl53l0xTestBench.Connected(scenario, start);

        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        await Assert.ThrowsAsync<IOException>(bench.ReadAsync);
        bench.Clock.Advance(TimeSpan.FromMinutes(9));
        await Assert.ThrowsAsync<IOException>(bench.ReadAsync);
        bench.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.InRange((await bench.ReadAsync())[ValueNames.DistanceCm], 5, 90);
    }

    [Fact]
    public async Task The_scenario_stuck_window_holds_the_distance_inside_it_and_not_after()
    {
        var start = Vl53l0xTestBench.PontianakNoon;
        var scenario = Vl53l0xTestBench.QuietScenario();
        scenario.StuckFrom = start.AddMinutes(1);
        scenario.StuckUntil = start.AddHours(3);
        using var bench = Vl53l0xTestBench.Connected(scenario, start);
        var atNoon = (await bench.ReadAsync())[ValueNames.DistanceCm];

        bench.Clock.Advance(TimeSpan.FromHours(2));
        var stuck = (await bench.ReadAsync())[ValueNames.DistanceCm];
        bench.Clock.Advance(TimeSpan.FromHours(2));
        var afterwards = (await bench.ReadAsync())[ValueNames.DistanceCm];

        // Rubbish rises 4 cm an hour: 16 cm nearer four hours on.
        Assert.Equal(atNoon, stuck);
        Assert.Equal(atNoon - 16, afterwards, 1e-9);
    }
}
