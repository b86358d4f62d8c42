using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>Taring an indicator scale: kept by the agent, or by the indicator on its command.</summary>
public sealed class ScaleIndicatorTareTests
{
    [Fact]
    public async Task A_software_tare_makes_the_settled_crate_the_zero_and_keeps_its_divisions_for_the_audit_trail()
    {
        using var bench = new IndicatorBench();
        bench.Emulator.LoadOverrideKg = 1.50m;
        await bench.StepAsync(10);

        await ((IScale)bench.Sensor).TareAsync(CancellationToken.None);
        var zeroed = await bench.ReadAsync();
        bench.Emulator.LoadOverrideKg = 13.85m;
        await bench.StepAsync(10);
        var deposit = await bench.ReadAsync();

        Assert.Equal(new ScaleSample(0m, 150, 150, "2026-03-14", false, 0.01m), zeroed);
        Assert.Equal(new ScaleSample(12.35m, 1385, 150, "2026-03-14", true, 0.01m), deposit);
        Assert.Equal(1.50m, bench.Sensor.SoftwareTareKg);
        Assert.Empty(bench.Emulator.CommandsHeard);
    }

    [Fact]
    public async Task Taring_twice_takes_the_second_load_on_top_of_the_first()
    {
        using var bench = new IndicatorBench();
        bench.Emulator.LoadOverrideKg = 1.50m;
        await bench.StepAsync(10);
        await ((IScale)bench.Sensor).TareAsync(CancellationToken.None);

        bench.Emulator.LoadOverrideKg = 2.00m;
        await bench.StepAsync(10);
        await ((IScale)bench.Sensor).TareAsync(CancellationToken.None);
        await bench.StepAsync(10);

        Assert.Equal(2.00m, bench.Sensor.SoftwareTareKg);
        Assert.Equal(0m, (await bench.ReadAsync()).MassKg);
    }

    [Fact]
    public async Task A_tare_asked_while_the_platform_rings_waits_for_the_weight_to_settle()
    {
        using var bench = new IndicatorBench(IndicatorBench.QuickDeposits);
        await bench.StepAsync(22);

        var tare = ((IScale)bench.Sensor).TareAsync(CancellationToken.None).AsTask();
        await bench.StepUntilAsync(tare);
        await tare;

        Assert.Equal(12.35m, bench.Sensor.SoftwareTareKg);
    }

    [Fact]
    public async Task A_tare_is_refused_when_the_weight_does_not_settle_in_time()
    {
        using var bench = new IndicatorBench([.. IndicatorBench.QuickDeposits, ("Emulation:SettleFor", "00:01:00")]);
        await bench.StepAsync(22);

        var tare = ((IScale)bench.Sensor).TareAsync(CancellationToken.None).AsTask();
        await bench.StepUntilAsync(tare, maxFrames: 60);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => tare);
        Assert.Contains("did not settle", error.Message, StringComparison.Ordinal);
        Assert.Equal(0m, bench.Sensor.SoftwareTareKg);
    }

    [Fact]
    public async Task With_Tare_Indicator_the_agent_sends_the_tare_command_and_the_indicator_then_sends_net_weights()
    {
        using var bench = new IndicatorBench(("Tare", "Indicator"));
        bench.Emulator.LoadOverrideKg = 1.50m;
        await bench.StepAsync(10);

        var tare = ((IScale)bench.Sensor).TareAsync(CancellationToken.None).AsTask();
        await bench.StepUntilAsync(tare);
        await tare;
        bench.Emulator.LoadOverrideKg = 13.85m;
        var observations = await bench.StepAsync(10);

        Assert.Equal(["tare"], bench.Emulator.CommandsHeard);
        Assert.Equal(1.50m, bench.Emulator.IndicatorTareKg);
        Assert.Equal(0m, bench.Sensor.SoftwareTareKg);
        var last = observations[^1];
        Assert.Equal(IndicatorWeightKind.Net, last.Frame.Kind);
        Assert.Equal(new ScaleSample(12.35m, 1235, 0, "2026-03-14", true, 0.01m), last.Sample);
    }

    [Fact]
    public async Task An_indicator_that_ignores_the_tare_command_is_reported_with_the_way_out()
    {
        using var bench = new IndicatorBench(("Tare", "Indicator"), ("Emulation:AcceptsCommands", "false"));
        bench.Emulator.LoadOverrideKg = 1.50m;
        await bench.StepAsync(10);

        var tare = ((IScale)bench.Sensor).TareAsync(CancellationToken.None).AsTask();
        await bench.StepUntilAsync(tare, maxFrames: 60);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => tare);
        Assert.Contains("Set Tare to Software", error.Message, StringComparison.Ordinal);
        Assert.Null(bench.Emulator.IndicatorTareKg);
    }
}
