using Iot.Device.Bmxx80;
using Pontive.Iot.EdgeAgent.Devices.Bme280;

namespace Pontive.Iot.EdgeAgent.Tests.Devices;

/// <summary>Bus faults reach the real driver as they would from a real chip.</summary>
public sealed class Bme280FaultTests
{
    private static readonly Bme280Conditions Morning = new(26.0, 85.0, 1009.5);
    private static readonly Bme280Conditions Noon = new(32.0, 62.0, 1007.0);

    [Fact]
    public void A_sensor_absent_at_start_makes_the_driver_fail_to_connect()
    {
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.AbsentAtStart = true;
        using var bench = Bme280TestBench.Unconnected(scenario);

        Assert.Throws<IOException>(() => new Bme280(bench.Emulator));
    }

    [Fact]
    public void A_sensor_plugged_in_after_start_connects_and_reads()
    {
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.AbsentAtStart = true;
        using var bench = Bme280TestBench.Unconnected(scenario);
        Assert.Throws<IOException>(bench.ConnectDriver);

        bench.Emulator.Absent = false;
        bench.ConnectDriver();

        Assert.Equal(27.0, bench.Read().TemperatureCelsius, 0.01);
    }

    [Fact]
    public void A_sensor_that_drops_off_the_bus_fails_every_read_until_it_is_back()
    {
        using var bench = Bme280TestBench.Connected();
        bench.Emulator.Absent = true;

        Assert.Throws<IOException>(() => bench.Driver.Read());
        Assert.Throws<IOException>(() => bench.Driver.Read());

        bench.Emulator.Absent = false;
        Assert.Equal(27.0, bench.Read().TemperatureCelsius, 0.01);
    }

    [Fact]
    public void A_one_off_bus_error_fails_one_read_and_the_next_read_recovers()
    {
        using var bench = Bme280TestBench.Connected();
        bench.Emulator.ConditionsOverride = Morning;
        bench.Emulator.FailNextTransfer();

        Assert.Throws<IOException>(() => bench.Driver.Read());
        var next = bench.Read();

        Assert.Equal(Morning.TemperatureCelsius, next.TemperatureCelsius, 0.01);
        Assert.Equal(Morning.RelativeHumidityPercent, next.RelativeHumidityPercent, 0.05);
        Assert.Equal(Morning.PressureHectopascals, next.PressureHectopascals, 0.01);
    }

    [Fact]
    public void A_stuck_sensor_keeps_reporting_the_same_values_after_the_conditions_change()
    {
        using var bench = Bme280TestBench.Connected();
        bench.Emulator.ConditionsOverride = Morning;
        var before = bench.Read();

        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.ConditionsOverride = Noon;
        var stuck = bench.Read();

        Assert.Equal(before, stuck);
        Assert.Equal(Morning.TemperatureCelsius, stuck.TemperatureCelsius, 0.01);
    }

    [Fact]
    public void A_stuck_sensor_that_recovers_reports_the_current_conditions_again()
    {
        using var bench = Bme280TestBench.Connected();
        bench.Emulator.ConditionsOverride = Morning;
        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.ConditionsOverride = Noon;

        bench.Emulator.MeasurementsFrozen = false;

        Assert.Equal(Noon.TemperatureCelsius, bench.Read().TemperatureCelsius, 0.01);
    }

    [Fact]
    public void A_stuck_sensor_in_forced_mode_ignores_new_triggers()
    {
        using var bench = Bme280TestBench.Unconnected();
        bench.ConnectDriver();
        bench.Emulator.ConditionsOverride = Morning;
        var before = bench.Read();

        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.ConditionsOverride = Noon;

        Assert.Equal(before, bench.Read());
    }

    [Fact]
    public void The_scenario_failure_window_fails_reads_inside_it_and_not_outside()
    {
        var start = Bme280TestBench.PontianakAfternoon;
        var scenario = Bme280TestBench.SteadyScenario();
        scenario.FailFrom = start.AddMinutes(10);
        scenario.FailUntil = start.AddMinutes(20);
        using var bench = Bme280TestBench.Connected(scenario, start);

        var beforeWindow = bench.Read();
        bench.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Throws<IOException>(() => bench.Driver.Read());
        bench.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Throws<IOException>(() => bench.Driver.Read());
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var afterWindow = bench.Read();

        Assert.Equal(27.0, beforeWindow.TemperatureCelsius, 0.01);
        Assert.Equal(27.0, afterWindow.TemperatureCelsius, 0.01);
    }
}
