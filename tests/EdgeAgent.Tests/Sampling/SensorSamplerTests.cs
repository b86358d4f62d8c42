using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Sampling;

public sealed class SensorSamplerTests
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Readings_keep_to_their_grid_however_long_each_reading_takes()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute)]);
        sampler.Buses.Wire("env-1").TransferTime = TimeSpan.FromMilliseconds(7);
        await sampler.StartAsync();

        await sampler.RunAsync(TimeSpan.FromMinutes(10));

        var times = sampler.SamplesOf("env-1").Select(s => s.T).ToList();
        Assert.Equal(11, times.Count);
        Assert.True(times[1] - times[0] < OneMinute, "the first reading also built the sensor, so it took longer");
        for (var i = 2; i < times.Count; i++)
        {
            Assert.Equal(OneMinute, times[i] - times[i - 1]);
        }
    }

    [Fact]
    public async Task A_healthy_sensor_reads_exactly_on_time_with_its_values_kind_and_id()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute)]);
        var start = sampler.Clock.GetUtcNow();
        await sampler.StartAsync();

        await sampler.RunAsync(TimeSpan.FromMinutes(3));

        var samples = sampler.SamplesOf("env-1");
        Assert.Equal(Enumerable.Range(0, 4).Select(i => start + (i * OneMinute)), samples.Select(s => s.T));
        Assert.All(samples, s =>
        {
            Assert.Equal("environment", s.Kind);
            Assert.Null(s.Clock);
            Assert.Equal([ValueNames.HumidityPct, ValueNames.PressureHpa, ValueNames.TemperatureC], s.Values.Keys.Order(StringComparer.Ordinal));
        });
        var health = sampler.Health.States["env-1"];
        Assert.True(health.IsOk);
        Assert.Equal(samples[^1].T, health.LastReadingAt);
    }

    [Fact]
    public async Task A_failing_sensor_is_retried_with_a_doubling_wait_up_to_five_minutes_while_another_keeps_reading_on_time()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute), ("env-2", TimeSpan.FromSeconds(1))]);
        var start = sampler.Clock.GetUtcNow();
        sampler.Buses.Wire("env-2").IsCut = true;
        await sampler.StartAsync();

        await sampler.RunAsync(TimeSpan.FromMinutes(20));

        var attempts = sampler.Buses.Wire("env-2").Opened;
        Assert.Equal(start, attempts[0]);
        Assert.Equal([1.0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300], attempts.Zip(attempts.Skip(1), (a, b) => (b - a).TotalSeconds));
        Assert.Equal(Enumerable.Range(0, 21).Select(i => start + (i * OneMinute)), sampler.SamplesOf("env-1").Select(s => s.T));
        Assert.Empty(sampler.SamplesOf("env-2"));
        var failing = sampler.Health.States["env-2"];
        Assert.False(failing.IsOk);
        Assert.Equal(attempts.Count, failing.ConsecutiveFailures);
        Assert.False(string.IsNullOrWhiteSpace(failing.LastError));
        Assert.True(sampler.Health.States["env-1"].IsOk);

        // The wire is fixed: the sensor comes back at its next attempt and reads every second again.
        sampler.Buses.Wire("env-2").IsCut = false;
        var nextAttempt = attempts[^1] + TimeSpan.FromMinutes(5);
        await sampler.RunAsync(nextAttempt + TimeSpan.FromSeconds(3) - sampler.Clock.GetUtcNow());

        Assert.Equal(Enumerable.Range(0, 4).Select(i => nextAttempt.AddSeconds(i)), sampler.SamplesOf("env-2").Select(s => s.T));
        Assert.Equal(new(true, nextAttempt.AddSeconds(3), null, 0), sampler.Health.States["env-2"]);
    }

    [Fact]
    public async Task A_failing_sensor_is_never_retried_faster_than_its_own_interval()
    {
        var interval = TimeSpan.FromMinutes(10);
        await using var sampler = new SamplerUnderTest([("env-1", interval)]);
        var start = sampler.Clock.GetUtcNow();
        sampler.Buses.Wire("env-1").IsCut = true;
        await sampler.StartAsync();

        await sampler.RunAsync(TimeSpan.FromMinutes(35));

        Assert.Equal(Enumerable.Range(0, 4).Select(i => start + (i * interval)), sampler.Buses.Wire("env-1").Opened);
    }

    [Fact]
    public async Task A_sensor_whose_bus_cannot_be_opened_at_start_is_retried_and_then_reads()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute)]);
        var start = sampler.Clock.GetUtcNow();
        sampler.Buses.Wire("env-1").FailOpens(2);
        await sampler.StartAsync();
        Assert.False(sampler.Health.States["env-1"].IsOk);

        await sampler.RunAsync(TimeSpan.FromMinutes(4));

        Assert.Equal([start, start + OneMinute, start + (2 * OneMinute)], sampler.Buses.Wire("env-1").Opened);
        Assert.Equal([start + (2 * OneMinute), start + (3 * OneMinute), start + (4 * OneMinute)], sampler.SamplesOf("env-1").Select(s => s.T));
        Assert.True(sampler.Health.States["env-1"].IsOk);
    }

    [Fact]
    public async Task A_sensor_that_stops_answering_mid_run_is_reported_rebuilt_and_read_again_when_it_answers()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute)]);
        var start = sampler.Clock.GetUtcNow();
        await sampler.StartAsync();
        await sampler.RunAsync(TimeSpan.FromMinutes(2));

        sampler.Buses.Wire("env-1").IsCut = true;
        await sampler.RunAsync(TimeSpan.FromMinutes(2));
        Assert.False(sampler.Health.States["env-1"].IsOk);
        Assert.Equal(2, sampler.Health.States["env-1"].ConsecutiveFailures);

        sampler.Buses.Wire("env-1").IsCut = false;
        await sampler.RunAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(
            [start, start + OneMinute, start + (2 * OneMinute), start + (5 * OneMinute)],
            sampler.SamplesOf("env-1").Select(s => s.T));
        Assert.Equal([start, start + (4 * OneMinute), start + (5 * OneMinute)], sampler.Buses.Wire("env-1").Opened);
        Assert.True(sampler.Health.States["env-1"].IsOk);
    }

    [Fact]
    public async Task Readings_taken_while_the_clock_is_untrusted_are_flagged_unsynced_and_held()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute)], clockTrusted: false);
        await sampler.StartAsync();

        await sampler.RunAsync(TimeSpan.FromMinutes(2));

        var samples = sampler.SamplesOf("env-1");
        Assert.Equal(3, samples.Count);
        Assert.All(samples, s => Assert.Equal(ClockState.Unsynced, s.Clock));
        Assert.Empty(sampler.Store.Telemetry.PeekBatch(10, 64 * 1024, includeUnsynced: false));
    }

    [Fact]
    public async Task On_full_storage_readings_are_lost_but_the_sensor_is_not_reported_failing_and_sampling_goes_on()
    {
        await using var sampler = new SamplerUnderTest([("env-1", OneMinute)]);
        await sampler.StartAsync();
        sampler.Store.FillStorage();

        await sampler.RunAsync(TimeSpan.FromMinutes(60));
        var keptWhileFull = sampler.SamplesOf("env-1").Count;
        Assert.InRange(keptWhileFull, 1, 60);
        Assert.True(sampler.Health.States["env-1"].IsOk);

        sampler.Store.FreeStorage();
        await sampler.RunAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(keptWhileFull + 2, sampler.SamplesOf("env-1").Count);
    }
}
