using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

/// <summary>Readings taken before the Pi's clock was trusted: held back, then given their real times.</summary>
public sealed class TelemetryOutboxClockTests : IDisposable
{
    private static readonly DateTimeOffset WrongBootTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly AgentStore _store = new();

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void While_readings_are_held_a_batch_leaves_out_unsynced_samples_but_not_the_synced_ones_behind_them()
    {
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 20, unsynced: true));
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 21));

        var held = _store.Telemetry.PeekBatch(10, 64 * 1024, includeUnsynced: false);
        var all = _store.Telemetry.PeekBatch(10, 64 * 1024, includeUnsynced: true);

        Assert.Equal([21.0], held.Select(e => e.Sample.Values[ValueNames.TemperatureC]));
        Assert.Equal([20.0, 21.0], all.Select(e => e.Sample.Values[ValueNames.TemperatureC]));
    }

    [Fact]
    public void Correcting_gives_held_samples_the_time_they_were_really_taken_and_drops_their_flag()
    {
        var realTime = Now;
        _store.Clock.SetWallClock(WrongBootTime);
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 20, unsynced: true));
        _store.Clock.Advance(TimeSpan.FromSeconds(30));
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 21, unsynced: true));
        _store.Clock.Advance(TimeSpan.FromSeconds(10));
        var trustedAt = realTime + TimeSpan.FromMinutes(3);
        _store.Clock.SetWallClock(trustedAt);

        var corrected = _store.Telemetry.CorrectUnsyncedTimes();

        Assert.Equal(2, corrected);
        var batch = _store.Telemetry.PeekBatch(10, 64 * 1024, includeUnsynced: false);
        Assert.Equal([trustedAt.AddSeconds(-40), trustedAt.AddSeconds(-10)], batch.Select(e => e.Sample.T));
        Assert.All(batch, e => Assert.Null(e.Sample.Clock));
        var figures = _store.Telemetry.Figures();
        Assert.Equal(batch.Sum(e => (long)e.Bytes), figures.Bytes);
        Assert.Equal(_store.CountTelemetryRows().Bytes, figures.Bytes);
        Assert.Equal(0, _store.Telemetry.CorrectUnsyncedTimes());
    }

    [Fact]
    public void Correcting_keeps_the_millisecond_precision_of_the_wire()
    {
        _store.Clock.SetWallClock(WrongBootTime);
        _store.Telemetry.Append(Samples.Environment(Now, unsynced: true));
        _store.Clock.Advance(TimeSpan.FromTicks(12_345_678));
        _store.Clock.SetWallClock(DeviceClock.DefaultStart.AddTicks(98_765_432));

        _store.Telemetry.CorrectUnsyncedTimes();

        var t = _store.Telemetry.PeekBatch(1, 64 * 1024)[0].Sample.T;
        Assert.Equal(0, t.UtcTicks % TimeSpan.TicksPerMillisecond);
    }

    [Fact]
    public void Samples_from_an_earlier_boot_cannot_be_dated_and_keep_their_time_and_flag()
    {
        _store.Reopen(bootId: "boot-a");
        _store.Clock.SetWallClock(WrongBootTime);
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 20, unsynced: true));
        _store.Reopen(bootId: "boot-b");
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 21, unsynced: true));
        _store.Clock.SetWallClock(DeviceClock.DefaultStart);

        var corrected = _store.Telemetry.CorrectUnsyncedTimes();

        Assert.Equal(1, corrected);
        var batch = _store.Telemetry.PeekBatch(10, 64 * 1024);
        Assert.Equal(ClockState.Unsynced, batch[0].Sample.Clock);
        Assert.Equal(WrongBootTime, batch[0].Sample.T);
        Assert.Null(batch[1].Sample.Clock);
        Assert.Equal(DeviceClock.DefaultStart, batch[1].Sample.T);
    }

    [Fact]
    public void Correcting_leaves_samples_taken_with_a_trusted_clock_alone()
    {
        var t = Now.AddMilliseconds(-1234);
        _store.Telemetry.Append(Samples.Environment(t));
        _store.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(0, _store.Telemetry.CorrectUnsyncedTimes());
        Assert.Equal(t, _store.Telemetry.PeekBatch(1, 64 * 1024)[0].Sample.T);
    }

    public void Dispose() => _store.Dispose();
}
