using Pontive.Iot.EdgeAgent.Devices.Hx711;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>
/// Each fault of the board and each defect of the binding, met by the agent's sensor: a read fails within its timeout
/// with a message a technician can act on and leaves nothing polling the pins; a corrupted conversion never becomes a
/// weight.
/// </summary>
public sealed class Hx711FaultTests
{
    /// <summary>Far above any read's duration here; a test that hits it has hung.</summary>
    private const int HangLimitMilliseconds = 30_000;

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_missing_module_fails_the_read_within_its_timeout_and_names_the_pins()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        using var bench = new Hx711TestBench(scenario);
        var sensor = bench.ConnectSensor();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());

        Assert.Contains("DOUT stayed high for 200 ms", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO5", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO6", error.Message, StringComparison.Ordinal);
        await AssertNothingPollsDout(bench);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_module_plugged_in_after_start_is_read_from_then_on()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        using var bench = new Hx711TestBench(scenario);
        var sensor = bench.ConnectSensor();
        await Assert.ThrowsAsync<TimeoutException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());

        bench.Chip.Absent = false;
        bench.Chip.PlaceLoad(1.2);

        Assert.Equal(1.2m, (await sensor.ReadSampleAsync(CancellationToken.None)).MassKg);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_module_pulled_out_after_the_ready_check_does_not_leave_the_binding_spinning()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        await sensor.ReadSampleAsync(CancellationToken.None);

        // The sensor sees DOUT low, then the board goes: the binding's own wait loop would never end.
        bench.Chip.UnplugAfterDataReads(1);
        var error = await Assert.ThrowsAsync<TimeoutException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());

        Assert.Contains("stopped answering during a read", error.Message, StringComparison.Ordinal);
        await AssertNothingPollsDout(bench);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_module_unplugged_mid_run_fails_reads_in_that_window_and_reads_again_after_it()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.LoadKg = 3;
        scenario.FailFrom = Hx711TestBench.Morning.AddMinutes(1);
        scenario.FailUntil = Hx711TestBench.Morning.AddMinutes(2);
        using var bench = new Hx711TestBench(scenario);
        var sensor = bench.ConnectSensor();
        var before = await sensor.ReadSampleAsync(CancellationToken.None);

        bench.Clock.Advance(TimeSpan.FromSeconds(90));
        await Assert.ThrowsAsync<TimeoutException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());
        bench.Clock.Advance(TimeSpan.FromSeconds(60));
        var after = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.Equal(3m, before.MassKg);
        Assert.Equal(3m, after.MassKg);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_read_cancelled_while_waiting_for_the_chip_ends_at_once()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        using var bench = new Hx711TestBench(scenario);
        var settings = new Hx711Settings { ReadyTimeout = TimeSpan.FromSeconds(10) };
        var sensor = bench.ConnectSensor(settings: settings);
        using var cancellation = new CancellationTokenSource();

        var read = sensor.ReadSampleAsync(cancellation.Token).AsTask();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Theory(Timeout = HangLimitMilliseconds)]
    [InlineData(nameof(Hx711Glitch.Spike), nameof(Hx711Rejection.Glitch))]
    [InlineData(nameof(Hx711Glitch.Doubled), nameof(Hx711Rejection.Glitch))]
    [InlineData(nameof(Hx711Glitch.AllOnes), nameof(Hx711Rejection.ImpossibleCode))]
    public async Task A_corrupted_conversion_is_thrown_away_and_the_weight_is_unchanged(string glitchName, string reasonName)
    {
        var glitch = Enum.Parse<Hx711Glitch>(glitchName);
        var reason = Enum.Parse<Hx711Rejection>(reasonName);
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(6.5);
        await sensor.ReadSampleAsync(CancellationToken.None);

        bench.Chip.InjectGlitch(glitch);
        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.Equal(6.5m, sample.MassKg);
        // The emulated clock pulses are timed for real: on a busy machine the glitched conversion can be thrown away
        // for its timing first (seen once in CI), which also keeps it from the weight.
        Assert.True(
            sensor.Rejections[reason] == 1 || sensor.Rejections[Hx711Rejection.ClockHeldTooLong] > 0,
            $"the {glitch} conversion was not rejected as {reason} (nor for its timing)");
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task Glitches_in_the_scenario_never_reach_the_weight()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.LoadKg = 12.34;
        scenario.GlitchEveryConversions = 4;
        using var bench = new Hx711TestBench(scenario);
        var sensor = bench.ConnectSensor();

        var masses = new List<decimal>();
        for (var i = 0; i < 12; i++)
        {
            masses.Add((await sensor.ReadSampleAsync(CancellationToken.None)).MassKg);
        }

        Assert.All(masses, mass => Assert.Equal(12.34m, mass));
        Assert.True(sensor.Rejections.Total >= 6, sensor.Rejections.ToString());
    }

    [Theory(Timeout = HangLimitMilliseconds)]
    [InlineData(3)]
    [InlineData(12)]
    [InlineData(20)]
    public async Task A_chip_that_powered_down_mid_read_does_not_move_the_weight(int pulse)
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(9.8);
        await sensor.ReadSampleAsync(CancellationToken.None);

        bench.Chip.InjectPowerDownAtPulse(pulse);
        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.True(bench.Chip.PowerDowns >= 1);
        Assert.Equal(9.8m, sample.MassKg);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task Power_downs_the_scenario_schedules_never_move_the_weight()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.LoadKg = 9.8;
        scenario.PowerDownEveryReads = 4;
        using var bench = new Hx711TestBench(scenario);
        var sensor = bench.ConnectSensor();

        var masses = new List<decimal>();
        for (var i = 0; i < 8; i++)
        {
            masses.Add((await sensor.ReadSampleAsync(CancellationToken.None)).MassKg);
        }

        Assert.All(masses, mass => Assert.Equal(9.8m, mass));
        Assert.True(bench.Chip.PowerDowns >= 4, $"{bench.Chip.PowerDowns} power-downs");
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_read_whose_clock_stayed_high_too_long_is_detected_and_thrown_away()
    {
        using var bench = new Hx711TestBench();
        var pins = bench.Own(new StallingGpioController(bench.Header, Hx711TestBench.ClockPin));
        var sensor = bench.ConnectSensor(pins: pins);
        bench.Chip.PlaceLoad(9.8);
        await sensor.ReadSampleAsync(CancellationToken.None);

        // A real 150 µs preemption with the clock high on the 5th pulse: the chip powers down, the guard sees the pulse.
        pins.StallClockHigh(pulse: 5, TimeSpan.FromMicroseconds(150));
        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        // At least: on a loaded machine a real preemption may add to them, and is thrown away the same way.
        Assert.True(bench.Chip.PowerDowns >= 1);
        Assert.True(sensor.Rejections[Hx711Rejection.ClockHeldTooLong] >= 1);
        Assert.Equal(9.8m, sample.MassKg);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_chip_giving_only_nonsense_is_reported_instead_of_weighed()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        for (var i = 0; i < 20; i++)
        {
            bench.Chip.InjectGlitch(Hx711Glitch.AllOnes);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());

        Assert.Contains("usable conversions", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_conversion_far_outside_the_platforms_capacity_is_thrown_away()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        await sensor.ReadSampleAsync(CancellationToken.None);

        // 170 kg on a 100 kg platform: an open wire or a corrupted read, not a weight.
        bench.Chip.PlaceLoad(170);
        await Assert.ThrowsAsync<InvalidDataException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());

        Assert.True(sensor.Rejections[Hx711Rejection.OutOfRange] > 0);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_stuck_chip_keeps_giving_its_last_value_whatever_the_load()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(2);
        await sensor.ReadSampleAsync(CancellationToken.None);

        bench.Chip.ValueStuck = true;
        bench.Chip.PlaceLoad(5);
        var stuck = await sensor.ReadSampleAsync(CancellationToken.None);
        bench.Chip.ValueStuck = false;
        var recovered = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.Equal(2m, stuck.MassKg);
        Assert.Equal(5m, recovered.MassKg);
    }

    /// <summary>Nothing is left polling DOUT: the count of reads of the pin stands still.</summary>
    private static async Task AssertNothingPollsDout(Hx711TestBench bench)
    {
        var reads = bench.Chip.DataReads;
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        Assert.Equal(reads, bench.Chip.DataReads);
    }
}
