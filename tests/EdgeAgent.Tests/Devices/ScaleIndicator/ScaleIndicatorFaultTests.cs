using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices.ScaleIndicator;
using Pontive.Iot.EdgeAgent.Scales;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.ScaleIndicator;

/// <summary>A scale indicator that is missing, unplugged, misconfigured or on a noisy line.</summary>
public sealed class ScaleIndicatorFaultTests
{
    [Fact]
    public async Task An_indicator_that_sends_nothing_fails_the_read_after_the_frame_timeout_naming_the_port()
    {
        using var bench = new IndicatorBench(("Emulation:AbsentAtStart", "true"));

        var read = ((IScale)bench.Sensor).ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(ScaleIndicatorSensor.FrameTimeout - TimeSpan.FromTicks(1));
        Assert.False(read.IsCompleted);
        bench.Clock.Advance(TimeSpan.FromTicks(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => read);
        Assert.Contains("/dev/ttyUSB0", error.Message, StringComparison.Ordinal);
        Assert.Contains("continuous output", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_indicator_plugged_in_after_start_is_read_without_restarting_the_sensor()
    {
        using var bench = new IndicatorBench(("Emulation:AbsentAtStart", "true"));
        var read = ((IScale)bench.Sensor).ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(ScaleIndicatorSensor.FrameTimeout);
        await Assert.ThrowsAsync<TimeoutException>(() => read);

        bench.Emulator.Absent = false;
        bench.Emulator.LoadOverrideKg = 4.2m;

        Assert.Equal(4.2m, (await bench.ReadAsync()).MassKg);
    }

    [Fact]
    public async Task Frames_in_another_format_show_up_in_the_timeout_as_rejected_frames()
    {
        var clock = new FakeTimeProvider(IndicatorBench.Start);
        var emulator = new ScaleIndicatorEmulator(new ScaleIndicatorScenario(), new Xk3190A9Format(), clock);
        var settings = new ScaleIndicatorSettings { Calibration = { Id = "2026-03-14" } };
        using var sensor = new ScaleIndicatorSensor(new SensorOptions { Id = "scale-1", SerialPort = "/dev/ttyUSB0" }, settings, new StGsFormat(), emulator, clock);

        var read = sensor.ReadSampleAsync(CancellationToken.None).AsTask();
        for (var i = 0; i < 20; i++)
        {
            var handled = emulator.WhenReaderWaits();
            clock.Advance(IndicatorBench.FramePeriod);
            await handled;
        }

        var error = await Assert.ThrowsAsync<TimeoutException>(() => read);
        Assert.Contains("rejected", error.Message, StringComparison.Ordinal);
        Assert.Contains("Format (st-gs)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pulled_adapter_fails_the_pending_read_and_every_later_one_with_an_IOException()
    {
        using var bench = new IndicatorBench();
        bench.Emulator.LoadOverrideKg = 3m;
        await bench.ReadAsync();

        var read = ((IScale)bench.Sensor).ReadAsync(CancellationToken.None).AsTask();
        bench.Emulator.DisconnectPort();

        await Assert.ThrowsAsync<IOException>(() => read);
        await Assert.ThrowsAsync<IOException>(() => bench.Sensor.ReadAsync(CancellationToken.None).AsTask());
        await bench.Sensor.Pump;
    }

    [Fact]
    public async Task A_stuck_indicator_keeps_sending_its_last_weight_whatever_is_put_on()
    {
        using var bench = new IndicatorBench();
        bench.Emulator.LoadOverrideKg = 3m;
        await bench.StepAsync(5);

        bench.Emulator.MeasurementsFrozen = true;
        bench.Emulator.LoadOverrideKg = 9m;

        Assert.All(await bench.StepAsync(10), o => Assert.Equal(3m, o.Sample!.MassKg));
    }

    [Fact]
    public async Task Disposing_the_sensor_ends_a_pending_read_and_the_reading_loop()
    {
        using var bench = new IndicatorBench();
        var read = ((IScale)bench.Sensor).ReadAsync(CancellationToken.None).AsTask();

        bench.Sensor.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
        await bench.Sensor.Pump;
    }

    [Fact]
    public async Task On_a_noisy_line_with_a_checksum_no_wrong_weight_ever_gets_through()
    {
        using var bench = new IndicatorBench(
            ("Format", "xk3190-a9"),
            ("Emulation:CorruptFrameRate", "0.3"),
            ("Emulation:PartialFrameRate", "0.1"),
            ("Emulation:GarbageRate", "0.3"));
        bench.Emulator.LoadOverrideKg = 12.35m;

        var observations = await bench.StepThroughNoiseAsync(200);

        var weights = observations.Where(o => o?.Sample is not null).Select(o => o!.Sample!).ToList();
        Assert.InRange(weights.Count, 100, 180);
        Assert.All(weights, s => Assert.Equal(12.35m, s.MassKg));
        Assert.True(bench.Sensor.RejectedFrames > 40);
        Assert.Equal(0, bench.Sensor.GlitchesRejected);
    }

    [Fact]
    public async Task On_a_noisy_line_without_a_checksum_stable_weights_stay_within_a_division()
    {
        using var bench = new IndicatorBench(("Emulation:CorruptFrameRate", "0.3"), ("Emulation:GarbageRate", "0.3"));
        bench.Emulator.LoadOverrideKg = 12.35m;

        var observations = await bench.StepThroughNoiseAsync(200);

        // A flipped digit passes unseen where there is no checksum: the glitch filter holds back lone far ones, and
        // the stable-weight detector keeps anything that does not agree with its neighbours from counting as stable.
        var weights = observations.Where(o => o?.Sample is not null).Select(o => o!.Sample!).ToList();
        Assert.True(weights.Count > 100);
        Assert.All(weights.Where(s => s.IsStable), s => Assert.InRange(s.MassKg, 12.34m, 12.36m));
        Assert.Contains(weights, s => s is { IsStable: true, MassKg: 12.35m });
        Assert.True(bench.Sensor.GlitchesRejected > 0);
    }
}
