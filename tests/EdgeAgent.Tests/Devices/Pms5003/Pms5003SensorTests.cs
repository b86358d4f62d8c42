using System.Globalization;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Devices.Emulation.Serial;
using Pontive.Iot.EdgeAgent.Devices.Pms5003;
using Pontive.Iot.EdgeAgent.Tests.Devices.Serial;
using Pms5003Device = Pontive.Iot.EdgeAgent.Devices.Pms5003.Pms5003;

namespace Pontive.Iot.EdgeAgent.Tests.Devices.Pms5003;

/// <summary>The pms5003 driver end to end: configuration entry, sensor, emulated port, scenario.</summary>
public sealed class Pms5003SensorTests
{
    private static Dictionary<string, string?> Entry(params (string Key, string? Value)[] extra) => SensorEntry.Create(
        [("Id", "air-1"), ("Kind", "air_quality"), ("Driver", "pms5003"), ("SerialPort", "/dev/serial0"), ("Interval", "00:01:00")], extra);

    [Fact]
    public async Task Reads_the_scenarios_air_through_the_driver_in_whole_micrograms()
    {
        using var bench = new SerialSensorBench(Entry(("Emulation:NoiseSeed", "5")));
        var sensor = bench.CreateSensor();
        var expected = new Pms5003Scenario { NoiseSeed = 5 }.LevelsAt(bench.Clock.GetUtcNow());

        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(SensorKinds.AirQuality, sensor.Kind);
        Assert.Equal(Math.Round(expected.Pm1Ugm3), values[ValueNames.Pm1Ugm3]);
        Assert.Equal(Math.Round(expected.Pm25Ugm3), values[ValueNames.Pm25Ugm3]);
        Assert.Equal(Math.Round(expected.Pm10Ugm3), values[ValueNames.Pm10Ugm3]);
        Assert.InRange(values[ValueNames.Pm25Ugm3], 10, 40);
    }

    [Fact]
    public async Task Wakes_the_sensor_and_puts_it_in_passive_mode_once_then_only_asks_for_frames()
    {
        using var bench = new SerialSensorBench(Entry());
        var sensor = bench.CreateSensor();

        await sensor.ReadAsync(CancellationToken.None);
        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        await sensor.ReadAsync(CancellationToken.None);

        var emulator = bench.Emulator<Pms5003Emulator>();
        Assert.Equal(["wake", "passive", "read", "read"], emulator.CommandsHeard);
        Assert.Equal(Pms5003Mode.Passive, emulator.Mode);
    }

    [Fact]
    public async Task Each_reading_is_taken_when_asked_not_from_frames_waiting_in_the_buffer()
    {
        using var bench = new SerialSensorBench(Entry());
        var sensor = bench.CreateSensor();
        var emulator = bench.Emulator<Pms5003Emulator>();
        emulator.LevelsOverride = new(10, 15, 20);
        await sensor.ReadAsync(CancellationToken.None);

        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        emulator.LevelsOverride = new(100, 150, 200);
        var values = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(150, values[ValueNames.Pm25Ugm3]);
    }

    [Fact]
    public async Task Sleeping_between_readings_wakes_the_sensor_for_the_warm_up_and_puts_it_back_to_sleep()
    {
        using var bench = new SerialSensorBench(Entry(("SleepBetweenReadings", "true"), ("WarmUp", "00:00:30"), ("Interval", "00:05:00")));
        var sensor = bench.CreateSensor();
        var emulator = bench.Emulator<Pms5003Emulator>();

        var reading = sensor.ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(reading.IsCompleted);
        Assert.False(emulator.Asleep);
        bench.Clock.Advance(TimeSpan.FromSeconds(1));
        await reading;

        Assert.True(emulator.Asleep);
        Assert.Equal(["wake", "passive", "read", "sleep"], emulator.CommandsHeard);

        bench.Clock.Advance(TimeSpan.FromMinutes(5));
        var next = sensor.ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(TimeSpan.FromSeconds(30));
        await next;
        Assert.Equal(["wake", "passive", "read", "sleep", "wake", "read", "sleep"], emulator.CommandsHeard);
    }

    [Fact]
    public async Task A_missing_sensor_fails_with_a_timeout_that_names_the_port_and_the_wiring()
    {
        using var bench = new SerialSensorBench(Entry(("Emulation:AbsentAtStart", "true")));
        var sensor = bench.CreateSensor();

        var reading = sensor.ReadAsync(CancellationToken.None).AsTask();
        bench.Clock.Advance(Pms5003Device.DefaultTimeout);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => reading);
        Assert.Contains("/dev/serial0", error.Message, StringComparison.Ordinal);
        Assert.Contains("RXD", error.Message, StringComparison.Ordinal);
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
        bench.Clock.Advance(Pms5003Device.DefaultTimeout);
        await Assert.ThrowsAsync<TimeoutException>(() => during);

        bench.Clock.Advance(TimeSpan.FromMinutes(1));
        var after = await sensor.ReadAsync(CancellationToken.None);
        Assert.InRange(after[ValueNames.Pm25Ugm3], 10, 40);
    }

    [Fact]
    public async Task A_stuck_sensor_keeps_reporting_the_values_it_had_when_it_stuck()
    {
        var start = SerialSensorBench.Start;
        using var bench = new SerialSensorBench(Entry(("Emulation:StuckFrom", start.ToString("O", CultureInfo.InvariantCulture)), ("Emulation:NoiseUgm3", "10")));
        var sensor = bench.CreateSensor();
        var first = await sensor.ReadAsync(CancellationToken.None);

        var later = new List<IReadOnlyDictionary<string, double>>();
        for (var i = 0; i < 5; i++)
        {
            bench.Clock.Advance(TimeSpan.FromHours(3));
            later.Add(await sensor.ReadAsync(CancellationToken.None));
        }

        Assert.All(later, values => Assert.Equal(first, values));
    }

    [Fact]
    public async Task A_concentration_beyond_the_contracts_range_is_refused_not_clipped()
    {
        using var bench = new SerialSensorBench(Entry());
        var sensor = bench.CreateSensor();
        bench.Emulator<Pms5003Emulator>().LevelsOverride = new ParticulateLevels(700, 900, 1200);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());

        Assert.Contains(ValueNames.Pm10Ugm3, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_start_up_validation_names_the_entry_and_each_bad_setting()
    {
        var failures = SerialSensorBench.ValidationFailures(Entry(
            ("BaudRate", "115200"),
            ("SerialPort", "COM3"),
            ("SleepBetweenReadings", "true"),
            ("Interval", "00:00:20"),
            ("Emulation:CorruptFrameRate", "2")));

        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-1): BaudRate 115200", StringComparison.Ordinal) && f.Contains("9600", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-1): SerialPort 'COM3'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-1): Interval 00:00:20 is too short for SleepBetweenReadings", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Sensors:0 (air-1): Emulation:CorruptFrameRate", StringComparison.Ordinal));
        Assert.Equal(4, failures.Count);
    }

    [Fact]
    public void A_good_entry_passes_validation_and_the_port_may_be_left_to_its_default()
    {
        var entry = Entry();
        entry.Remove("SerialPort");

        Assert.Empty(SerialSensorBench.ValidationFailures(entry));
    }
}
