using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

/// <summary>The agent's HX711 scale on the emulated chip: weights from raw counts, tare, and what it keeps for the audit trail.</summary>
public sealed class Hx711SensorTests
{
    [Theory]
    [InlineData(2.34567, 2.345)]
    [InlineData(2.3476, 2.35)]
    [InlineData(0.74999, 0.75)]
    public async Task Weighs_to_the_scale_division_so_the_operator_never_reads_digits_nobody_can_weigh(double load, double shown)
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor(settings: new Hx711Settings { ReadyTimeout = TimeSpan.FromMilliseconds(200), DivisionGrams = 5 });
        bench.Chip.PlaceLoad(load);

        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.Equal((decimal)shown, sample.MassKg);
        Assert.Equal(0.005m, sample.ResolutionKg);
        // The raw counts still give the weight to one count, for the audit trail.
        Assert.InRange(bench.ExactCalibration.MassKg(sample.Raw, sample.TareRaw), (decimal)load - 0.00003m, (decimal)load + 0.00003m);
    }

    [Fact]
    public async Task Without_a_division_the_weight_goes_to_one_count_not_to_whole_grams()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(2.34567);

        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        // One count is 1/42,950 kg = 0.023 g; the binding would have said 2346 g.
        Assert.InRange(sample.MassKg, 2.34565m, 2.34569m);
        Assert.NotEqual(Math.Round(sample.MassKg, 3), sample.MassKg);
        Assert.Equal(0.000023m, sample.ResolutionKg);
    }

    [Fact]
    public async Task Every_weight_carries_its_raw_counts_tare_and_calibration_for_the_audit_trail()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(2.0);

        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.Equal(84_000 + 85_900, sample.Raw);
        Assert.Equal(84_000, sample.TareRaw);
        Assert.Equal("2026-11-20", sample.Calibration);
        Assert.Equal(2.0m, sample.MassKg);
        Assert.Equal(sample.MassKg, bench.ExactCalibration.MassKg(sample.Raw, sample.TareRaw));
    }

    [Fact]
    public async Task Telemetry_reports_the_mass_in_kilograms()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(7.5);

        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(SensorKinds.Scale, sensor.Kind);
        Assert.Equal(7.5, values[ValueNames.MassKg]);
    }

    [Fact]
    public async Task Tare_makes_the_basket_on_the_platform_zero_and_is_kept_with_each_weight()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(1.5);
        await sensor.TareAsync(CancellationToken.None);

        bench.Chip.PlaceLoad(1.5 + 3.2);
        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.Equal(3.2m, sample.MassKg);
        Assert.Equal(84_000 + 64_425, sample.TareRaw);
        Assert.Equal(sample.TareRaw, sensor.TareRaw);
    }

    [Fact]
    public async Task A_weight_below_the_contracts_range_reaches_the_kiosk_but_is_refused_as_telemetry()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor();
        bench.Chip.PlaceLoad(10);
        await sensor.TareAsync(CancellationToken.None);
        bench.Chip.PlaceLoad(0);

        var sample = await ((IScale)sensor).ReadAsync(CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(-10m, sample.MassKg);
        Assert.Contains("tare it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uncalibrated_scale_says_how_to_calibrate_it_but_still_gives_raw_readings()
    {
        using var bench = new Hx711TestBench();
        var sensor = bench.ConnectSensor(calibrated: false);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sensor.ReadSampleAsync(CancellationToken.None).AsTask());
        var raw = await sensor.ReadRawAsync(3, CancellationToken.None);

        Assert.Contains("pontive-agent scale calibrate", error.Message, StringComparison.Ordinal);
        Assert.Equal(84_000, raw.Mean);
    }

    [Fact]
    public async Task A_platform_that_rings_after_a_bag_lands_is_unstable_until_it_settles()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.SettlingTime = TimeSpan.FromSeconds(1.5);
        scenario.NoiseCounts = 40;
        using var bench = new Hx711TestBench(scenario);
        var settings = new Hx711Settings
        {
            ReadyTimeout = TimeSpan.FromMilliseconds(200),
            Stability = new StabilityOptions { Readings = 5, ToleranceGrams = 5, Window = TimeSpan.FromSeconds(3) },
        };
        var sensor = bench.ConnectSensor(settings: settings);
        bench.Chip.PlaceLoad(4.2);

        var early = new List<ScaleSample>();
        for (var i = 0; i < 10; i++)
        {
            bench.Clock.Advance(TimeSpan.FromMilliseconds(100));
            early.Add(await sensor.ReadSampleAsync(CancellationToken.None));
        }

        bench.Clock.Advance(TimeSpan.FromSeconds(1));
        ScaleSample settled = early[^1];
        for (var i = 0; i < 5; i++)
        {
            bench.Clock.Advance(TimeSpan.FromMilliseconds(100));
            settled = await sensor.ReadSampleAsync(CancellationToken.None);
        }

        Assert.All(early, sample => Assert.False(sample.IsStable));
        Assert.Contains(early, sample => Math.Abs(sample.MassKg - 4.2m) > 0.1m);
        Assert.True(settled.IsStable);
        Assert.InRange(settled.MassKg, 4.198m, 4.202m);
    }
}
