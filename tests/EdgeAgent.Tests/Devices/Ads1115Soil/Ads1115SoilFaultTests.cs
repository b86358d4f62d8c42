using Pontive.Iot.EdgeAgent.Devices.Ads1115Soil;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Ads1115Soil;

/// <summary>Bus faults of the emulated ADS1115 reach the soil sensor as they would from a real chip.</summary>
public sealed class Ads1115SoilFaultTests
{
    [Fact]
    public void A_chip_absent_at_start_makes_the_sensor_fail_to_connect()
    {
        var scenario = Ads1115SoilTestBench.SteadyScenario(2.0);
        scenario.AbsentAtStart = true;
        using var bench = Ads1115SoilTestBench.Unconnected(scenario);

        Assert.Throws<IOException>(bench.Connect);
    }

    [Fact]
    public void A_chip_plugged_in_after_start_connects_and_reads()
    {
        var scenario = Ads1115SoilTestBench.SteadyScenario(2.0);
        scenario.AbsentAtStart = true;
        using var bench = Ads1115SoilTestBench.Unconnected(scenario);
        Assert.Throws<IOException>(bench.Connect);

        bench.Emulator.Absent = false;
        bench.Connect();

        Assert.Equal(50.0, bench.ReadMoisture());
    }

    [Fact]
    public void A_one_off_bus_error_fails_one_read_and_the_next_read_recovers()
    {
        using var bench = Ads1115SoilTestBench.Connected();
        bench.Emulator.FailNextTransfer();

        Assert.Throws<IOException>(() => bench.ReadMoisture());
        Assert.Equal(50.0, bench.ReadMoisture());
    }

    [Fact]
    public void A_stuck_conversion_keeps_reporting_the_old_moisture_until_it_recovers()
    {
        using var bench = Ads1115SoilTestBench.Connected();
        var before = bench.ReadMoisture();

        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.OverrideVolts(0, 1.6);
        var stuck = bench.ReadMoisture();
        bench.Emulator.MeasurementsFrozen = false;
        var recovered = bench.ReadMoisture();

        Assert.Equal(50.0, before);
        Assert.Equal(50.0, stuck);
        Assert.Equal(75.0, recovered);
    }

    [Fact]
    public void The_scenario_stuck_window_holds_the_reading_inside_it_and_not_after()
    {
        var start = Ads1115SoilTestBench.PontianakNoon;
        var scenario = new Ads1115Scenario { NoiseVolts = 0, StuckFrom = start.AddMinutes(10), StuckUntil = start.AddHours(2) };
        using var bench = Ads1115SoilTestBench.Connected(scenario, start: start);

        bench.Clock.Advance(TimeSpan.FromMinutes(10));
        var atStuck = bench.ReadMoisture();
        bench.Clock.Advance(TimeSpan.FromMinutes(100));
        var stillStuck = bench.ReadMoisture();
        bench.Clock.Advance(TimeSpan.FromMinutes(10));
        var afterwards = bench.ReadMoisture();

        Assert.Equal(atStuck, stillStuck);
        Assert.True(afterwards < atStuck, $"The bed dries: {afterwards} % after {atStuck} %.");
    }

    [Fact]
    public void A_chip_unplugged_mid_run_fails_every_read_until_it_is_back()
    {
        var start = Ads1115SoilTestBench.PontianakNoon;
        var scenario = Ads1115SoilTestBench.SteadyScenario(2.0);
        scenario.FailFrom = start.AddMinutes(5);
        scenario.FailUntil = start.AddMinutes(15);
        using var bench = Ads1115SoilTestBench.Connected(scenario, start: start);
        var before = bench.ReadMoisture();

        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Throws<IOException>(() => bench.ReadMoisture());
        bench.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Throws<IOException>(() => bench.ReadMoisture());
        bench.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(50.0, before);
        Assert.Equal(50.0, bench.ReadMoisture());
    }

    [Fact]
    public void Closing_the_sensor_after_the_chip_went_away_does_not_throw()
    {
        var bench = Ads1115SoilTestBench.Connected();
        bench.Emulator.Absent = true;

        var error = Record.Exception(bench.Dispose);

        Assert.Null(error);
    }
}
