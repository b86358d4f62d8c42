using Pontive.Iot.EdgeAgent.Devices.Hx711;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.EdgeAgent.Tests.Devices.Hx711;

namespace Pontive.Iot.EdgeAgent.Tests.Scales;

/// <summary>A technician's two-point calibration of the emulated platform, through the agent's HX711 sensor and the real binding.</summary>
public sealed class ScaleCalibratorTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    [Theory]
    [InlineData(5.0, 2.345)]
    [InlineData(20.0, 0.25)]
    [InlineData(20.0, 18.765)]
    public async Task After_zero_and_span_with_a_known_mass_a_noisy_scale_weighs_within_a_gram(double spanKg, double depositKg)
    {
        using var bench = NoisyPlatform();
        var sensor = bench.ConnectSensor(calibrated: false);
        var calibrator = new ScaleCalibrator(sensor, new ScaleCalibrationStore(_folder.Path), bench.Clock);

        await calibrator.ZeroAsync(CancellationToken.None);
        bench.Chip.PlaceLoad(spanKg);
        await calibrator.SpanAsync((decimal)spanKg, CancellationToken.None);
        var calibration = calibrator.Save();
        bench.Chip.PlaceLoad(depositKg);
        var sample = await sensor.ReadSampleAsync(CancellationToken.None);

        Assert.InRange(sample.MassKg, (decimal)depositKg - 0.001m, (decimal)depositKg + 0.001m);
        Assert.Equal(calibration.Id, sample.Calibration);
        Assert.Equal(42_950, calibration.CountsPerKg, 42_950 * 0.0002);
    }

    [Fact]
    public async Task The_calibration_is_stored_with_the_date_and_read_when_the_scale_starts_again()
    {
        var store = new ScaleCalibrationStore(_folder.Path);
        using var bench = NoisyPlatform();
        var sensor = bench.ConnectSensor(calibrated: false);
        var calibrator = new ScaleCalibrator(sensor, store, bench.Clock);
        await calibrator.ZeroAsync(CancellationToken.None);
        bench.Chip.PlaceLoad(10);
        await calibrator.SpanAsync(10m, CancellationToken.None);

        var saved = calibrator.Save();
        var restarted = bench.ConnectSensor(store.Current("scale-1"));
        var sample = await restarted.ReadSampleAsync(CancellationToken.None);

        Assert.Equal("2026-11-28", saved.Id);
        Assert.Equal(10m, saved.KnownMassKg);
        Assert.Equal(saved, store.Current("scale-1"));
        Assert.InRange(sample.MassKg, 9.999m, 10.001m);
    }

    [Fact]
    public async Task A_span_before_the_zero_is_refused()
    {
        using var bench = new Hx711TestBench();
        var calibrator = new ScaleCalibrator(bench.ConnectSensor(calibrated: false), new ScaleCalibrationStore(_folder.Path), bench.Clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => calibrator.SpanAsync(5m, CancellationToken.None).AsTask());

        Assert.Contains("Zero the empty platform", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_known_mass_that_does_not_move_the_reading_is_refused_with_what_to_check()
    {
        using var bench = new Hx711TestBench();
        var calibrator = new ScaleCalibrator(bench.ConnectSensor(calibrated: false), new ScaleCalibrationStore(_folder.Path), bench.Clock);
        await calibrator.ZeroAsync(CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => calibrator.SpanAsync(5m, CancellationToken.None).AsTask());

        Assert.Contains("is the mass on it", error.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(calibrator.Save);
    }

    [Fact]
    public async Task A_platform_moving_while_calibrating_is_refused()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.NoiseCounts = 5_000;
        using var bench = new Hx711TestBench(scenario);
        var calibrator = new ScaleCalibrator(bench.ConnectSensor(calibrated: false), new ScaleCalibrationStore(_folder.Path), bench.Clock);
        await calibrator.ZeroAsync(CancellationToken.None);
        bench.Chip.PlaceLoad(5);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => calibrator.SpanAsync(5m, CancellationToken.None).AsTask());

        Assert.Contains("moving", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_zero_or_negative_known_mass_is_refused()
    {
        using var bench = new Hx711TestBench();
        var calibrator = new ScaleCalibrator(bench.ConnectSensor(calibrated: false), new ScaleCalibrationStore(_folder.Path), bench.Clock);
        await calibrator.ZeroAsync(CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => calibrator.SpanAsync(0m, CancellationToken.None).AsTask());
    }

    public void Dispose() => _folder.Dispose();

    /// <summary>The default cell with its ±40 counts (about ±1 g) of noise.</summary>
    private static Hx711TestBench NoisyPlatform()
    {
        var scenario = Hx711TestBench.QuietScenario();
        scenario.NoiseCounts = 40;
        return new Hx711TestBench(scenario);
    }
}
