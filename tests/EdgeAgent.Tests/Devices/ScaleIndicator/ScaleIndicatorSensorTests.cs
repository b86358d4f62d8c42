using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>The scale-indicator driver weighing deposits on the emulated platform scale, frame by frame.</summary>
public sealed class ScaleIndicatorSensorTests
{
    [Fact]
    public async Task A_deposit_shows_as_unstable_while_the_platform_rings_and_stable_at_the_bags_weight_once_it_settles()
    {
        using var bench = new IndicatorBench(IndicatorBench.QuickDeposits);

        var empty = await bench.StepAsync(19);
        var landing = await bench.StepAsync(15);
        var resting = await bench.StepAsync(30);
        var removed = await bench.StepAsync(20);

        Assert.Contains(empty, o => o.Sample is { IsStable: true, MassKg: 0m });
        Assert.All(landing, o => Assert.False(o.Sample!.IsStable));
        Assert.Contains(landing, o => o.Sample!.MassKg > 12.6m);
        var settled = resting.Where(o => o.Sample!.IsStable).Select(o => o.Sample!).ToList();
        Assert.True(settled.Count >= 20);
        Assert.All(settled, s => Assert.Equal(12.35m, s.MassKg));
        Assert.Contains(removed, o => o.Sample is { IsStable: true, MassKg: 0m });
    }

    [Fact]
    public async Task A_stable_weight_carries_its_raw_divisions_tare_calibration_and_resolution()
    {
        using var bench = new IndicatorBench(IndicatorBench.QuickDeposits);
        await bench.StepAsync(50);

        var sample = await bench.ReadAsync();

        Assert.Equal(new ScaleSample(12.35m, 1235, 0, "2026-03-14", true, 0.01m), sample);
    }

    [Fact]
    public async Task The_scale_reports_its_net_weight_as_telemetry()
    {
        using var bench = new IndicatorBench(IndicatorBench.QuickDeposits);
        await bench.StepAsync(50);

        var reading = bench.Sensor.ReadAsync(CancellationToken.None).AsTask();
        await bench.StepAsync();

        Assert.Equal(SensorKinds.Scale, bench.Sensor.Kind);
        Assert.Equal(12.35, (await reading)[ValueNames.MassKg]);
    }

    [Theory]
    [InlineData("0.01", "0.01")]
    [InlineData("0.005", "0.001")]
    [InlineData("0.1", "0.1")]
    [InlineData("1", "1")]
    public async Task The_resolution_is_the_step_of_the_decimals_the_frames_carry(string division, string resolution)
    {
        using var bench = new IndicatorBench(("Emulation:DivisionKg", division));
        bench.Emulator.LoadOverrideKg = 12.35m;

        var sample = await bench.ReadAsync();

        var step = decimal.Parse(resolution, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(step, sample.ResolutionKg);
        Assert.Equal(0m, sample.MassKg % decimal.Parse(division, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(sample.MassKg, sample.Raw * step);
    }

    [Fact]
    public async Task An_indicator_set_to_grams_is_read_in_kilograms_to_the_gram()
    {
        using var bench = new IndicatorBench(("Emulation:Unit", "g"), ("Emulation:DivisionKg", "0.001"));
        bench.Emulator.LoadOverrideKg = 12.35m;

        var sample = await bench.ReadAsync();

        Assert.Equal(12.35m, sample.MassKg);
        Assert.Equal(12350, sample.Raw);
        Assert.Equal(0.001m, sample.ResolutionKg);
    }

    [Fact]
    public async Task An_overload_is_an_error_that_says_to_take_the_load_off()
    {
        using var bench = new IndicatorBench(("Emulation:CapacityKg", "150"));
        bench.Emulator.LoadOverrideKg = 180m;

        var error = await Assert.ThrowsAsync<InvalidDataException>(bench.ReadAsync);

        Assert.Contains("overload", error.Message, StringComparison.Ordinal);
        Assert.Contains("capacity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_the_agent_does_not_take_is_an_error_naming_it()
    {
        using var bench = new IndicatorBench(("Emulation:Unit", "lb"));
        bench.Emulator.LoadOverrideKg = 20m;

        var error = await Assert.ThrowsAsync<InvalidDataException>(bench.ReadAsync);

        Assert.Contains("'lb'", error.Message, StringComparison.Ordinal);
        Assert.Contains("kg", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_weight_beyond_the_contracts_range_is_refused_as_telemetry()
    {
        using var bench = new IndicatorBench(("Emulation:CapacityKg", "3000"), ("Emulation:DivisionKg", "0.5"));
        bench.Emulator.LoadOverrideKg = 1500m;

        var reading = bench.Sensor.ReadAsync(CancellationToken.None).AsTask();
        await bench.StepAsync();

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => reading);
        Assert.Contains(ValueNames.MassKg, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lone_mangled_digit_is_held_back_and_never_shown()
    {
        using var bench = new IndicatorBench();
        bench.Emulator.LoadOverrideKg = 12.35m;
        await bench.StepAsync(10);

        var handled = bench.Sensor.WhenNextFrameHandled();
        bench.Emulator.InjectBytes("ST,GS,+0092.35kg\r\n"u8);

        Assert.Null(await handled);
        var next = await bench.StepAsync(10);
        Assert.All(next, o => Assert.Equal(12.35m, o.Sample!.MassKg));
        Assert.True(next[^1].Sample!.IsStable);
        Assert.Equal(1, bench.Sensor.GlitchesRejected);
    }

    [Fact]
    public async Task The_indicators_stable_flag_alone_is_not_enough_the_detector_must_agree()
    {
        using var bench = new IndicatorBench();
        bench.Emulator.LoadOverrideKg = 12.35m;
        await bench.StepAsync(10);

        // A jump the indicator itself flags stable at once (as a frame from a fresh load would be).
        var handled = bench.Sensor.WhenNextFrameHandled();
        bench.Emulator.InjectBytes("ST,GS,+0012.45kg\r\n"u8);
        var jumped = await handled;

        Assert.Equal(12.45m, jumped!.Sample!.MassKg);
        Assert.False(jumped.Sample.IsStable);
    }

    [Fact]
    public async Task An_xk3190_a9_indicator_is_weighed_with_stability_from_the_detector_alone()
    {
        using var bench = new IndicatorBench([.. IndicatorBench.QuickDeposits, ("Format", "xk3190-a9")]);

        await bench.StepAsync(19);
        var landing = await bench.StepAsync(15);
        var resting = await bench.StepAsync(30);

        Assert.All(landing.Where(o => o.Sample!.MassKg != 12.35m), o => Assert.False(o.Sample!.IsStable));
        var settled = resting.Where(o => o.Sample!.IsStable).Select(o => o.Sample!).ToList();
        Assert.True(settled.Count >= 20);
        Assert.All(settled, s => Assert.Equal(new ScaleSample(12.35m, 1235, 0, "2026-03-14", true, 0.01m), s));
    }

    [Fact]
    public async Task An_xk3190_a9_indicator_in_grams_takes_its_unit_from_the_configuration()
    {
        using var bench = new IndicatorBench(("Format", "xk3190-a9"), ("Unit", "g"), ("Emulation:Unit", "g"), ("Emulation:DivisionKg", "0.005"));
        bench.Emulator.LoadOverrideKg = 12.35m;

        var sample = await bench.ReadAsync();

        Assert.Equal(12.35m, sample.MassKg);
        Assert.Equal(12350, sample.Raw);
        Assert.Equal(0.001m, sample.ResolutionKg);
    }
}
