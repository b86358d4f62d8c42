using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

public sealed class TelemetryOutboxLimitTests : IDisposable
{
    private static readonly int SampleBytes = TelemetryOutboxTests.JsonBytes(Samples.Environment(DeviceClock.DefaultStart));

    private readonly AgentStore _store = new(options: new OutboxOptions
    {
        // Room for five samples and a half.
        MaxTelemetryBytes = (5 * SampleBytes) + (SampleBytes / 2),
        MaxTelemetryAge = TimeSpan.FromDays(30),
    });

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void Past_the_byte_cap_the_oldest_samples_go_first_and_are_counted_as_dropped()
    {
        for (var i = 0; i < 8; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 20 + i));
        }

        var left = _store.Telemetry.PeekBatch(100, 64 * 1024);
        Assert.Equal([23.0, 24.0, 25.0, 26.0, 27.0], left.Select(e => e.Sample.Values[ValueNames.TemperatureC]));
        var figures = _store.Telemetry.Figures();
        Assert.Equal(3, figures.Dropped);
        Assert.Equal(8, figures.Taken);
        Assert.Equal(5, figures.Depth);
        Assert.True(figures.Bytes <= _store.Options.MaxTelemetryBytes);
        Assert.Equal(_store.CountTelemetryRows(), (figures.Depth, figures.Bytes));
    }

    [Fact]
    public void Synced_samples_older_than_the_age_limit_are_dropped_and_counted_but_unsynced_ones_are_kept()
    {
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 20));
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 21, unsynced: true));
        _store.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(2));

        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 22));

        var left = _store.Telemetry.PeekBatch(100, 64 * 1024);
        Assert.Equal([21.0, 22.0], left.Select(e => e.Sample.Values[ValueNames.TemperatureC]));
        var figures = _store.Telemetry.Figures();
        Assert.Equal(1, figures.Dropped);
        Assert.Equal(2, figures.Depth);
        Assert.Equal(_store.CountTelemetryRows(), (figures.Depth, figures.Bytes));
    }

    [Fact]
    public void Samples_younger_than_the_age_limit_are_kept()
    {
        _store.Telemetry.Append(Samples.Environment(Now));
        _store.Clock.Advance(TimeSpan.FromDays(29));

        _store.Telemetry.Append(Samples.Environment(Now));

        Assert.Equal(2, _store.Telemetry.Figures().Depth);
        Assert.Equal(0, _store.Telemetry.Figures().Dropped);
    }

    [Fact]
    public void Figures_report_what_waits_how_old_it_is_what_was_dropped_and_what_was_taken_and_survive_a_restart()
    {
        _store.Telemetry.Append(Samples.Environment(Now));
        _store.Clock.Advance(TimeSpan.FromSeconds(90));
        _store.Telemetry.Append(Samples.Environment(Now));

        var figures = _store.Telemetry.Figures();
        Assert.Equal(new(Depth: 2, Bytes: 2L * SampleBytes, OldestSeconds: 90, Dropped: 0, Taken: 2), figures);

        _store.Telemetry.Remove([_store.Telemetry.PeekBatch(1, 64 * 1024)[0]]);
        for (var i = 0; i < 6; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now));
        }

        _store.Reopen();

        Assert.Equal(new(Depth: 5, Bytes: 5L * SampleBytes, OldestSeconds: 0, Dropped: 2, Taken: 8), _store.Telemetry.Figures());
    }

    [Fact]
    public void The_age_of_readings_taken_with_a_wrong_clock_comes_from_the_monotonic_clock()
    {
        // The Pi booted believing it was January; the real time arrives two minutes later.
        var realTime = Now;
        _store.Clock.SetWallClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        _store.Telemetry.Append(Samples.Environment(Now, unsynced: true));
        _store.Clock.Advance(TimeSpan.FromMinutes(2));
        _store.Clock.SetWallClock(realTime + TimeSpan.FromMinutes(2));

        Assert.Equal(120, _store.Telemetry.Figures().OldestSeconds);
    }

    public void Dispose() => _store.Dispose();
}
