using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;
using static Pontive.Iot.EdgeAgent.Tests.Devices.Serial.SerialTestStreams;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Serial;

/// <summary>The serial line an emulated device sits behind: its schedule, its reads and writes, its faults.</summary>
public sealed class EmulatedSerialDeviceTests
{
    private static readonly DateTimeOffset Start = SerialSensorBench.Start;

    [Fact]
    public void Sends_nothing_before_its_first_period_and_one_frame_after_it()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);

        clock.Advance(BeaconDevice.Period - TimeSpan.FromTicks(1));
        Assert.Empty(Drain(device));

        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Equal("<1>", Text(Drain(device)));
    }

    [Fact]
    public void A_clock_moved_by_several_periods_delivers_every_frame_each_at_its_own_time()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);

        clock.Advance(TimeSpan.FromSeconds(3.5));

        Assert.Equal("<1><2><3>", Text(Drain(device)));
        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(2), Start.AddSeconds(3)], device.SentAt);
    }

    [Fact]
    public async Task A_pending_read_completes_when_the_next_frame_arrives()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);
        var buffer = new byte[16];

        var read = device.ReadAsync(buffer).AsTask();
        Assert.False(read.IsCompleted);
        clock.Advance(BeaconDevice.Period);

        var count = await read;
        Assert.Equal("<1>", Text(buffer.AsSpan(0, count).ToArray()));
    }

    [Fact]
    public async Task A_synchronous_read_gives_up_after_ReadTimeout_measured_on_the_device_clock()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock) { Absent = true, ReadTimeout = 500 };
        var waiting = device.WhenReaderWaits();

        var read = Task.Run(() => device.Read(new byte[16], 0, 16));
        await waiting;
        clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(1));

        await Assert.ThrowsAsync<TimeoutException>(() => read);
    }

    [Fact]
    public async Task An_asynchronous_read_ignores_ReadTimeout_as_Linux_SerialStream_does_and_ends_only_by_its_token()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock) { Absent = true, ReadTimeout = 500 };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30), clock);

        var read = device.ReadAsync(new byte[16], deadline.Token).AsTask();
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(read.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(20));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);
    }

    [Fact]
    public void An_absent_device_sends_nothing_and_hears_nothing()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock, new BeaconScenario { AbsentAtStart = true });

        device.Write("PING\n"u8);
        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Empty(Drain(device));
        Assert.Empty(device.CommandsHeard);
    }

    [Fact]
    public void A_device_plugged_in_later_starts_sending()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock, new BeaconScenario { AbsentAtStart = true });
        clock.Advance(TimeSpan.FromSeconds(2));

        device.Absent = false;
        clock.Advance(BeaconDevice.Period);

        Assert.Equal("<1>", Text(Drain(device)));
    }

    [Fact]
    public void The_scenario_outage_silences_the_device_inside_the_window_only()
    {
        var clock = new FakeTimeProvider(Start);
        var scenario = new BeaconScenario { FailFrom = Start.AddSeconds(2), FailUntil = Start.AddSeconds(4) };
        using var device = new BeaconDevice(clock, scenario);

        clock.Advance(TimeSpan.FromSeconds(5));

        // Frames due at 2 s and 3 s fall in the window; 1 s, 4 s (the end is exclusive) and 5 s do not.
        Assert.Equal([Start.AddSeconds(1), Start.AddSeconds(4), Start.AddSeconds(5)], device.SentAt);
        Assert.Equal("<1><2><3>", Text(Drain(device)));
    }

    [Fact]
    public void A_device_deaf_during_an_outage_does_not_hear_commands()
    {
        var clock = new FakeTimeProvider(Start);
        var scenario = new BeaconScenario { FailFrom = Start };
        using var device = new BeaconDevice(clock, scenario);

        device.Write("PING\n"u8);

        Assert.Empty(device.CommandsHeard);
    }

    [Fact]
    public async Task A_pulled_USB_adapter_fails_the_pending_read_and_every_later_read_and_write()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);
        var read = device.ReadAsync(new byte[16]).AsTask();

        device.DisconnectPort();

        await Assert.ThrowsAsync<IOException>(() => read);
        await Assert.ThrowsAsync<IOException>(() => device.ReadAsync(new byte[16]).AsTask());
        Assert.Throws<IOException>(() => device.Write("PING\n"u8));
    }

    [Fact]
    public async Task Disposing_the_port_fails_a_pending_read()
    {
        var clock = new FakeTimeProvider(Start);
        var device = new BeaconDevice(clock);
        var read = device.ReadAsync(new byte[16]).AsTask();

        await device.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => read);
    }

    [Fact]
    public void A_command_written_in_pieces_is_heard_once_it_is_complete()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);

        device.Write("PI"u8);
        Assert.Empty(device.CommandsHeard);
        device.Write("NG\nNOISE\n"u8);

        Assert.Equal(["PING", "NOISE"], device.CommandsHeard);
        Assert.Equal("PONG\n", Text(Drain(device)));
    }

    [Fact]
    public void MaxBytesPerRead_hands_frames_over_byte_by_byte()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock) { MaxBytesPerRead = 1 };
        clock.Advance(BeaconDevice.Period);
        var buffer = new byte[16];

        Assert.Equal(1, device.Read(buffer, 0, 16));
        Assert.Equal((byte)'<', buffer[0]);
        Assert.Equal(1, device.Read(buffer, 0, 16));
        Assert.Equal((byte)'1', buffer[0]);
    }

    [Fact]
    public void Input_nobody_reads_is_kept_up_to_4_KiB_and_the_rest_is_lost_as_in_the_kernel_buffer()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);

        // Frames "<1>" to "<9999>" take far more than 4 KiB.
        clock.Advance(TimeSpan.FromSeconds(9999));

        var held = Drain(device);
        Assert.Equal(EmulatedSerialDevice.ReceiveBufferCapacity, held.Length);
        Assert.StartsWith("<1><2><3>", Text(held), StringComparison.Ordinal);
        Assert.True(device.BytesOverrun > 0);
    }

    [Fact]
    public void With_CorruptFrameRate_1_every_frame_arrives_with_one_bit_flipped_inside_its_body()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock, new BeaconScenario { CorruptFrameRate = 1 });

        for (var number = 1; number <= 20; number++)
        {
            clock.Advance(BeaconDevice.Period);
            var sent = BeaconDevice.Frame(number);
            var received = Drain(device);

            Assert.Equal(sent.Length, received.Length);
            Assert.Equal(sent[0], received[0]);
            Assert.Equal(sent[^1], received[^1]);
            var flippedBits = sent.Zip(received, (a, b) => System.Numerics.BitOperations.PopCount((uint)(a ^ b))).Sum();
            Assert.Equal(1, flippedBits);
        }
    }

    [Fact]
    public void With_PartialFrameRate_1_every_frame_is_cut_short()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock, new BeaconScenario { PartialFrameRate = 1 });

        for (var number = 1; number <= 20; number++)
        {
            clock.Advance(BeaconDevice.Period);
            var sent = BeaconDevice.Frame(number);
            var received = Drain(device);

            Assert.InRange(received.Length, 1, sent.Length - 1);
            Assert.Equal(sent.AsSpan(0, received.Length).ToArray(), received);
        }
    }

    [Fact]
    public void With_GarbageRate_1_noise_comes_before_every_frame()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock, new BeaconScenario { GarbageRate = 1 });

        for (var number = 1; number <= 20; number++)
        {
            clock.Advance(BeaconDevice.Period);
            var sent = BeaconDevice.Frame(number);
            var received = Drain(device);

            Assert.InRange(received.Length - sent.Length, 1, 8);
            Assert.Equal(sent, received.AsSpan(received.Length - sent.Length).ToArray());
        }
    }

    [Fact]
    public void The_same_fault_seed_spoils_the_same_frames_the_same_way_run_after_run()
    {
        static byte[] Run(int seed)
        {
            var clock = new FakeTimeProvider(Start);
            using var device = new BeaconDevice(clock, new BeaconScenario { CorruptFrameRate = 0.3, PartialFrameRate = 0.2, GarbageRate = 0.2, FaultSeed = seed });
            clock.Advance(TimeSpan.FromSeconds(50));
            return Drain(device);
        }

        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
    }

    [Fact]
    public void CorruptNextFrame_and_CutNextFrame_spoil_one_frame_only()
    {
        var clock = new FakeTimeProvider(Start);
        using var device = new BeaconDevice(clock);

        device.CorruptNextFrame();
        clock.Advance(BeaconDevice.Period);
        Assert.NotEqual("<1>", Text(Drain(device)));
        device.CutNextFrame();
        clock.Advance(BeaconDevice.Period);
        Assert.Equal("<", Text(Drain(device)));
        clock.Advance(BeaconDevice.Period);
        Assert.Equal("<3>", Text(Drain(device)));
    }

    [Fact]
    public void Fault_settings_out_of_range_are_named_as_in_configuration()
    {
        var scenario = new BeaconScenario { CorruptFrameRate = 1.5, GarbageRate = -0.1, FailFrom = Start, FailUntil = Start };

        var problems = scenario.Problems().ToList();

        Assert.Contains(problems, p => p.StartsWith("Emulation:CorruptFrameRate", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Emulation:GarbageRate", StringComparison.Ordinal));
        Assert.Contains("Emulation:FailUntil must come after Emulation:FailFrom", problems);
        Assert.Empty(new BeaconScenario().Problems());
    }
}
