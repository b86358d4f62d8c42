using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;
using Pontive.Iot.EdgeAgent.Devices.Sds011;
using Pontive.Iot.EdgeAgent.Tests.Devices.Serial;
using Sds011Device = Pontive.Iot.EdgeAgent.Devices.Sds011.Sds011;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Sds011;

/// <summary>The sds011 driver and device class on the emulated sensor: commands, query mode, faults, validation.</summary>
public sealed class Sds011SensorTests
{
    private static Dictionary<string, string?> Entry(params (string Key, string? Value)[] extra) => SensorEntry.Create(
        [("Id", "air-2"), ("Kind", "air_quality"), ("Driver", "sds011"), ("SerialPort", "/dev/ttyUSB0")], extra);

    [Fact]
    public async Task Reads_the_scenarios_air_through_the_driver_to_a_tenth_of_a_microgram()
    {
        using var bench = new SerialSensorBench(Entry(("Emulation:NoiseSeed", "9")));
        var sensor = bench.CreateSensor();
        var expected = new Sds011Scenario { NoiseSeed = 9 }.LevelsAt(bench.Clock.GetUtcNow());

        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(Math.Round(expected.Pm25Ugm3, 1), values[ValueNames.Pm25Ugm3], 6);
        Assert.Equal(Math.Round(expected.Pm10Ugm3, 1), values[ValueNames.Pm10Ugm3], 6);
        Assert.False(values.ContainsKey(ValueNames.Pm1Ugm3));
    }

    [Fact]
    public async Task Wakes_the_sensor_makes_it_measure_continuously_in_query_mode_then_only_queries()
    {
        using var bench = new SerialSensorBench(Entry());
        var sensor = bench.CreateSensor();

        await sensor.ReadAsync(CancellationToken.None);
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        await sensor.ReadAsync(CancellationToken.None);

        var emulator = bench.Emulator<Sds011Emulator>();
        Assert.Equal(["work", "working period 0", "reporting mode Query", "query", "query"], emulator.CommandsHeard);
        Assert.Equal(Sds011ReportingMode.Query, emulator.ReportingMode);
    }

    [Fact]
    public async Task Sleeping_between_readings_wakes_the_sensor_for_the_warm_up_and_puts_it_back_to_sleep()
    {
        using var bench = new SerialSensorBench(Entry(("SleepBetweenReadings", "true"), ("Interval", "00:10:00")));
        var sensor = bench.CreateSensor();
        var emulator = bench.Emulator<Sds011Emulator>();

        var reading = sensor.ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(TimeSpan.FromSeconds(30));
        await reading;

        Assert.False(emulator.Working);
        Assert.Equal(["work", "working period 0", "reporting mode Query", "query", "sleep"], emulator.CommandsHeard);
    }

    [Fact]
    public async Task An_asleep_sensor_ignores_queries_and_the_reading_times_out()
    {
        var clock = new FakeTimeProvider(SerialSensorBench.Start);
        using var device = new Sds011Device(new Sds011Emulator(new Sds011Scenario(), clock), clock);
        device.SetReportingMode(Sds011ReportingMode.Query);
        device.SetWorking(false);

        var reading = device.RequestMeasurementAsync(Sds011Device.DefaultTimeout, CancellationToken.None).AsTask();
        clock.Advance(Sds011Device.DefaultTimeout);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading);
        Assert.Contains("3 queries", error.Message, StringComparison.Ordinal);
        Assert.Equal([0x06, 0x01, 0x00, 0x00, 0xA1, 0x60], device.LastReply);
    }

    [Fact]
    public async Task In_active_mode_the_sensor_reports_every_second_on_its_own()
    {
        var clock = new FakeTimeProvider(SerialSensorBench.Start);
        var emulator = new Sds011Emulator(new Sds011Scenario(), clock) { LevelsOverride = new ParticulateLevels(10, 35.5, 48.1) };
        using var device = new Sds011Device(emulator, clock);

        var reading = device.ReadMeasurementAsync(Sds011Device.DefaultTimeout, CancellationToken.None).AsTask();
        Assert.False(reading.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        var m = await reading;
        Assert.Equal(35.5, m.Pm25.MicrogramsPerCubicMeter, 6);
        Assert.Equal(48.1, m.Pm10.MicrogramsPerCubicMeter, 6);
    }

    [Fact]
    public async Task A_corrupted_answer_is_queried_again_and_a_cut_one_after_the_answer_time()
    {
        var clock = new FakeTimeProvider(SerialSensorBench.Start);
        var emulator = new Sds011Emulator(new Sds011Scenario(), clock) { LevelsOverride = new ParticulateLevels(10, 35.5, 48.1) };
        using var device = new Sds011Device(emulator, clock);
        device.SetReportingMode(Sds011ReportingMode.Query);

        emulator.CorruptNextFrame();
        var first = await device.RequestMeasurementAsync(Sds011Device.DefaultTimeout, CancellationToken.None);
        emulator.CutNextFrame();
        var second = device.RequestMeasurementAsync(Sds011Device.DefaultTimeout, CancellationToken.None).AsTask();
        Assert.False(second.IsCompleted);
        clock.Advance(Sds011Device.AnswerTime);

        Assert.Equal(35.5, first.Pm25.MicrogramsPerCubicMeter, 6);
        Assert.Equal(35.5, (await second).Pm25.MicrogramsPerCubicMeter, 6);
        // The corrupted frame, and the cut one once the next answer ran into it.
        Assert.Equal(2, device.RejectedFrames);
        Assert.Equal(4, emulator.CommandsHeard.Count(c => c == "query"));
    }

    [Fact]
    public async Task Frames_handed_over_byte_by_byte_among_noise_are_still_read()
    {
        using var bench = new SerialSensorBench(Entry(("Emulation:GarbageRate", "1")));
        var sensor = bench.CreateSensor();
        var emulator = bench.Emulator<Sds011Emulator>();
        emulator.MaxBytesPerRead = 1;
        emulator.LevelsOverride = new ParticulateLevels(100, 151.3, 204.9);

        for (var i = 0; i < 5; i++)
        {
            var values = await sensor.ReadAsync(CancellationToken.None);
            Assert.Equal(151.3, values[ValueNames.Pm25Ugm3], 6);
        }
    }

    [Fact]
    public async Task A_sensor_missing_at_start_fails_with_a_timeout_naming_the_port()
    {
        using var bench = new SerialSensorBench(Entry(("Emulation:AbsentAtStart", "true")));
        var sensor = bench.CreateSensor();

        var reading = sensor.ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(Sds011Device.DefaultTimeout);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading);
        Assert.Contains("/dev/ttyUSB0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pulled_USB_adapter_fails_the_reading_with_an_IOException()
    {
        using var bench = new SerialSensorBench(Entry());
        var sensor = bench.CreateSensor();
        await sensor.ReadAsync(CancellationToken.None);

        bench.Emulator<Sds011Emulator>().DisconnectPort();

        await Assert.ThrowsAsync<IOException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_sensor_unplugged_mid_run_fails_until_it_is_back()
    {
        var start = SerialSensorBench.Start;
        using var bench = new SerialSensorBench(Entry(
            ("Emulation:FailFrom", start.AddMinutes(1).ToString("O", CultureInfo.InvariantCulture)),
            ("Emulation:FailUntil", start.AddMinutes(2).ToString("O", CultureInfo.InvariantCulture))));
        var sensor = bench.CreateSensor();
        await sensor.ReadAsync(CancellationToken.None);

        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var during = sensor.ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(Sds011Device.DefaultTimeout);
        await Assert.ThrowsAsync<TimeoutException>(() => during);

        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True((await sensor.ReadAsync(CancellationToken.None))[ValueNames.Pm25Ugm3] > 0);
    }

    [Fact]
    public void The_start_up_validation_names_the_entry_and_each_bad_setting()
    {
        var entry = Entry(("BaudRate", "19200"), ("SleepBetweenReadings", "true"), ("WarmUp", "00:10:00"), ("Emulation:DeviceId", "70000"));
        entry.Remove("SerialPort");

        var failures = SerialSensorBench.ValidationFailures(entry);

        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-2): SerialPort is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-2): BaudRate 19200", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-2): WarmUp 00:10:00", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-2): Emulation:DeviceId", StringComparison.Ordinal));
        Assert.Equal(4, failures.Count);
        Assert.Empty(SerialSensorBench.ValidationFailures(Entry()));
    }
}
