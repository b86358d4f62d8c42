using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;
using Pontive.Iot.EdgeAgent.Devices.Pms5003;
using Pontive.Iot.EdgeAgent.Tests.Devices.Serial;
using Pms5003Device = Pontive.Iot.EdgeAgent.Devices.Pms5003.Pms5003;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Pms5003;

/// <summary>The PMS5003 device class talking to the emulated sensor: modes, requests, and the line's faults.</summary>
public sealed class Pms5003DeviceTests
{
    private static readonly ParticulateLevels Morning = new(14, 21, 29);
    private static readonly ParticulateLevels Smoky = new(120, 171, 230);

    [Fact]
    public async Task In_passive_mode_a_requested_frame_comes_back_with_the_current_levels()
    {
        var (clock, emulator, device) = Connect();
        device.SetMode(Pms5003Mode.Passive);
        emulator.LevelsOverride = Smoky;

        var m = await device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None);

        Assert.Equal(171, m.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(120, m.Pm1.MicrogramsPerCubicMeter);
        Assert.Equal(230, m.Pm10.MicrogramsPerCubicMeter);
        Assert.Equal(Pms5003Mode.Passive, emulator.Mode);
        Assert.Equal(["passive", "read"], emulator.CommandsHeard);
        _ = clock;
    }

    [Fact]
    public async Task In_active_mode_the_sensor_sends_a_frame_every_second_on_its_own()
    {
        var (clock, emulator, device) = Connect();
        emulator.LevelsOverride = Morning;

        var reading = device.ReadMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None).AsTask();
        Assert.False(reading.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(21, (await reading).Pm25.MicrogramsPerCubicMeter);
        Assert.Empty(emulator.CommandsHeard);
    }

    [Fact]
    public async Task A_corrupted_answer_is_rejected_and_asked_for_again_at_once()
    {
        var (_, emulator, device) = Connect();
        device.SetMode(Pms5003Mode.Passive);
        emulator.LevelsOverride = Morning;
        emulator.CorruptNextFrame();

        var m = await device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None);

        Assert.Equal(21, m.Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(1, device.RejectedFrames);
        Assert.Equal(["passive", "read", "read"], emulator.CommandsHeard);
    }

    [Fact]
    public async Task An_answer_cut_short_is_asked_for_again_after_the_answer_time()
    {
        var (clock, emulator, device) = Connect();
        device.SetMode(Pms5003Mode.Passive);
        emulator.LevelsOverride = Morning;
        emulator.CutNextFrame();

        var reading = device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None).AsTask();
        Assert.False(reading.IsCompleted);
        clock.Advance(Pms5003Device.AnswerTime);

        Assert.Equal(21, (await reading).Pm25.MicrogramsPerCubicMeter);
        Assert.Equal(["passive", "read", "read"], emulator.CommandsHeard);
    }

    [Fact]
    public async Task A_sensor_that_never_answers_times_out_after_the_deadline()
    {
        var (clock, _, device) = Connect(new Pms5003Scenario { AbsentAtStart = true });

        var reading = device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None).AsTask();
        clock.Advance(Pms5003Device.DefaultTimeout - TimeSpan.FromTicks(1));
        Assert.False(reading.IsCompleted);
        clock.Advance(TimeSpan.FromTicks(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading);
        Assert.Contains("3 requests", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_callers_cancellation_is_not_reported_as_a_timeout()
    {
        var (_, _, device) = Connect(new Pms5003Scenario { AbsentAtStart = true });
        using var stop = new CancellationTokenSource();

        var reading = device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, stop.Token).AsTask();
        await stop.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    [Fact]
    public async Task An_asleep_sensor_answers_nothing_until_woken()
    {
        var (clock, emulator, device) = Connect();
        device.SetMode(Pms5003Mode.Passive);
        device.Sleep();
        Assert.True(emulator.Asleep);

        var asleep = device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None).AsTask();
        clock.Advance(Pms5003Device.DefaultTimeout);
        await Assert.ThrowsAsync<TimeoutException>(() => asleep);

        device.WakeUp();
        var awake = await device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None);
        Assert.False(emulator.Asleep);
        Assert.True(awake.Pm25.MicrogramsPerCubicMeter > 0);
    }

    [Fact]
    public async Task Frames_handed_over_byte_by_byte_among_noise_are_still_read()
    {
        var (_, emulator, device) = Connect(new Pms5003Scenario { GarbageRate = 1 });
        emulator.MaxBytesPerRead = 1;
        emulator.LevelsOverride = Smoky;
        device.SetMode(Pms5003Mode.Passive);

        for (var i = 0; i < 10; i++)
        {
            var m = await device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None);
            Assert.Equal(171, m.Pm25.MicrogramsPerCubicMeter);
        }
    }

    [Fact]
    public async Task On_a_noisy_line_every_reading_that_gets_through_is_right_and_most_get_through()
    {
        var (clock, emulator, device) = Connect(new Pms5003Scenario { CorruptFrameRate = 0.3, GarbageRate = 0.5, FaultSeed = 3 });
        emulator.LevelsOverride = Morning;
        device.SetMode(Pms5003Mode.Passive);
        var good = 0;

        for (var i = 0; i < 50; i++)
        {
            var reading = device.RequestMeasurementAsync(Pms5003Device.DefaultTimeout, CancellationToken.None).AsTask();
            if (!reading.IsCompleted)
            {
                // Three spoiled answers in a row: the last request waits out the deadline.
                clock.Advance(Pms5003Device.DefaultTimeout);
                await Assert.ThrowsAsync<TimeoutException>(() => reading);
                continue;
            }

            Assert.Equal(21, (await reading).Pm25.MicrogramsPerCubicMeter);
            good++;
        }

        Assert.InRange(good, 45, 50);
        Assert.True(device.RejectedFrames > 5);
    }

    [Fact]
    public void TryReadMeasurement_reads_a_requested_frame_in_the_bindings_style()
    {
        var (_, emulator, device) = Connect();
        emulator.LevelsOverride = Morning;
        device.SetMode(Pms5003Mode.Passive);

        device.RequestReading();

        Assert.True(device.TryReadMeasurement(out var m));
        Assert.Equal(29, m.Pm10.MicrogramsPerCubicMeter);
    }

    [Fact]
    public async Task TryReadMeasurement_returns_false_when_nothing_comes_within_the_read_timeout()
    {
        var (clock, emulator, device) = Connect(new Pms5003Scenario { AbsentAtStart = true });
        var waiting = emulator.WhenReaderWaits();

        var reading = Task.Run(() => device.TryReadMeasurement(out _));
        await waiting;
        clock.Advance(TimeSpan.FromMilliseconds(emulator.ReadTimeout));

        Assert.False(await reading);
    }

    private static (FakeTimeProvider Clock, Pms5003Emulator Emulator, Pms5003Device Device) Connect(Pms5003Scenario? scenario = null)
    {
        var clock = new FakeTimeProvider(SerialSensorBench.Start);
        var emulator = new Pms5003Emulator(scenario ?? new Pms5003Scenario(), clock);
        return (clock, emulator, new Pms5003Device(emulator, clock));
    }
}
