using System.Diagnostics;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.HcSr04;
using Pontive.Iot.EdgeAgent.Tests.Devices.Gpio;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.HcSr04;

/// <summary>
/// The agent's bin sensor on the emulated module: distances, fill level, and each fault. Where the process may not
/// raise the measuring thread's priority (not root, no CAP_SYS_NICE or RLIMIT_RTPRIO) on a heavily loaded machine,
/// the sensor may refuse a reading as "too busy" rather than guess; <see cref="HcSr04TestBench.ReadOrRefuse"/> accepts
/// that refusal there, and only there. A wrong distance fails everywhere.
/// </summary>
[Collection(PinTimingTestGroup.Name)]
public sealed class HcSr04SensorTests
{

    private const double ToleranceCm = 1.5;
    private const int HangLimitMilliseconds = 60_000;

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task Reports_the_distance_and_the_fill_level_it_means()
    {
        using var bench = new HcSr04TestBench();
        var sensor = bench.ConnectSensor(binDepthCm: 120, fullDistanceCm: 20);

        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        var distance = values[ValueNames.DistanceCm];
        Assert.Equal(87.5 * HcSr04TestBench.BindingScale, distance, ToleranceCm);
        Assert.Equal(Math.Round((120 - distance) / 100 * 100, 1), values[ValueNames.FillPct], 0.05);
        Assert.Equal(SensorKinds.FillLevel, sensor.Kind);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_noisy_echo_still_reads_within_tolerance()
    {
        var scenario = HcSr04TestBench.QuietScenario(140);
        scenario.NoiseCm = 0.3;
        using var bench = new HcSr04TestBench(scenario);
        var sensor = bench.ConnectSensor(binDepthCm: 150);

        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        Assert.Equal(140 * HcSr04TestBench.BindingScale, values[ValueNames.DistanceCm], ToleranceCm);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task Two_lost_echoes_in_five_pings_still_give_a_reading()
    {
        using var bench = new HcSr04TestBench();
        var sensor = bench.ConnectSensor();
        bench.Module.LoseNextEchoes(2);

        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        Assert.Equal(87.5 * HcSr04TestBench.BindingScale, values[ValueNames.DistanceCm], ToleranceCm);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task Two_stray_echoes_off_the_bins_wall_do_not_move_the_median()
    {
        using var bench = new HcSr04TestBench();
        var sensor = bench.ConnectSensor();
        bench.Module.StrayNextEchoes(2);

        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        Assert.Equal(87.5 * HcSr04TestBench.BindingScale, values[ValueNames.DistanceCm], ToleranceCm);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_missing_module_is_reported_with_what_to_check()
    {
        var scenario = HcSr04TestBench.QuietScenario();
        scenario.AbsentAtStart = true;
        using var bench = new HcSr04TestBench(scenario);
        var sensor = bench.ConnectSensor();

        var error = await Assert.ThrowsAsync<IOException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains("No echo pulse at all", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPIO23", error.Message, StringComparison.Ordinal);
        Assert.Contains("divider", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task Nothing_within_range_is_reported_as_no_echo()
    {
        using var bench = new HcSr04TestBench(HcSr04TestBench.QuietScenario(450));
        var sensor = bench.ConnectSensor();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains("heard no echo within 400 cm in 3 of", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task An_echo_line_stuck_high_is_reported()
    {
        using var bench = new HcSr04TestBench();
        var sensor = bench.ConnectSensor();
        bench.Module.EchoStuckHigh = true;

        var error = await Assert.ThrowsAsync<IOException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains("stays high", error.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_module_unplugged_mid_run_fails_in_that_window_and_reads_again_after_it()
    {
        var scenario = HcSr04TestBench.QuietScenario();
        scenario.FailFrom = HcSr04TestBench.Noon.AddMinutes(5);
        scenario.FailUntil = HcSr04TestBench.Noon.AddMinutes(10);
        using var bench = new HcSr04TestBench(scenario);
        var sensor = bench.ConnectSensor();
        await HcSr04TestBench.ReadOrRefuse(sensor);

        bench.Clock.Advance(TimeSpan.FromMinutes(6));
        await Assert.ThrowsAsync<IOException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());
        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        Assert.Equal(87.5 * HcSr04TestBench.BindingScale, values[ValueNames.DistanceCm], ToleranceCm);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task A_bin_that_fills_over_the_day_reads_nearer_as_it_fills()
    {
        var scenario = new HcSr04Scenario { EmptyDistanceCm = 100, FullDistanceCm = 20, FillsIn = TimeSpan.FromDays(2), NoiseCm = 0 };
        using var bench = new HcSr04TestBench(scenario);
        var sensor = bench.ConnectSensor(binDepthCm: 100, fullDistanceCm: 20);

        var expected = scenario.DistanceAt(bench.Clock.GetUtcNow());
        if (await HcSr04TestBench.ReadOrRefuse(sensor) is not { } values)
        {
            return;
        }

        Assert.Equal(expected * HcSr04TestBench.BindingScale, values[ValueNames.DistanceCm], ToleranceCm);
        Assert.InRange(values[ValueNames.FillPct], 0, 100);
    }

    [Fact(Timeout = HangLimitMilliseconds)]
    public async Task With_the_other_core_busy_the_median_of_five_pings_stays_within_a_few_centimetres()
    {
        using var bench = new HcSr04TestBench();
        var sensor = bench.ConnectSensor();
        using var stop = new CancellationTokenSource();
        var hog = new Thread(() => Hog(stop.Token)) { IsBackground = true, Priority = ThreadPriority.Normal };
        hog.Start();
        try
        {
            var readings = new List<double>();
            for (var i = 0; i < 3; i++)
            {
                if (await HcSr04TestBench.ReadOrRefuse(sensor) is { } values)
                {
                    readings.Add(values[ValueNames.DistanceCm]);
                }
            }

            Assert.All(readings, reading => Assert.Equal(87.5 * HcSr04TestBench.BindingScale, reading, 3.0));
        }
        finally
        {
            await stop.CancelAsync();
            hog.Join();
        }
    }

    private static void Hog(CancellationToken stop)
    {
        var spin = Stopwatch.StartNew();
        while (!stop.IsCancellationRequested)
        {
            spin.Restart();
            while (spin.ElapsedTicks < 1000)
            {
                Thread.SpinWait(1);
            }
        }
    }
}
