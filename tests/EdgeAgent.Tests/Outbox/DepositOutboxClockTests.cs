using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

/// <summary>Deposits recorded before the Pi's clock was trusted get their real times, each on its own millisecond.</summary>
public sealed class DepositOutboxClockTests : IDisposable
{
    private static readonly DateTimeOffset RealStart = DeviceClock.DefaultStart;

    private readonly AgentStore _store = new();

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void Correcting_gives_each_held_deposit_its_real_time_on_its_own_millisecond_in_the_order_they_were_recorded()
    {
        _store.Clock.SetWallClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var held = Enumerable.Range(0, 3).Select(_ => RecordUnsynced()).ToList();
        _store.Clock.Advance(TimeSpan.FromSeconds(20));
        var later = RecordUnsynced();
        _store.Clock.Advance(TimeSpan.FromSeconds(5));
        _store.Clock.SetWallClock(RealStart.AddSeconds(25));

        var corrected = _store.Deposits.CorrectUnsyncedTimes();

        Assert.Equal(4, corrected);
        Assert.Equal(
            [RealStart, RealStart.AddMilliseconds(1), RealStart.AddMilliseconds(2), RealStart.AddSeconds(20)],
            [.. held.Select(TimeOf), TimeOf(later)]);
        Assert.Equal(4, _store.Deposits.Due(10, includeUnsynced: false).Count);
        Assert.Equal(0, _store.Deposits.CorrectUnsyncedTimes());
    }

    [Fact]
    public void A_corrected_deposit_carries_its_new_time_in_what_is_sent()
    {
        _store.Clock.SetWallClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var held = RecordUnsynced();
        _store.Clock.SetWallClock(RealStart);

        _store.Deposits.CorrectUnsyncedTimes();

        var sent = Assert.Single(_store.Deposits.Due(10));
        Assert.Equal(held.Id, sent.Id);
        Assert.Equal(RealStart, sent.T);
        Assert.Equal(held with { T = RealStart }, sent);
    }

    [Fact]
    public void A_deposit_already_sent_keeps_its_time_because_its_time_is_its_identity_in_InfluxDB()
    {
        var wrongTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _store.Clock.SetWallClock(wrongTime);
        var sent = RecordUnsynced();
        _store.Deposits.MarkSent(sent.Id);
        var waiting = RecordUnsynced();
        _store.Clock.SetWallClock(RealStart);

        var corrected = _store.Deposits.CorrectUnsyncedTimes();

        Assert.Equal(1, corrected);
        var found = _store.Deposits.Find(sent.Id)!;
        Assert.Equal(wrongTime, found.Deposit.T);
        Assert.Equal(DepositState.Sent, found.State);
        Assert.Equal(RealStart, TimeOf(waiting));
    }

    [Fact]
    public void Deposits_from_an_earlier_boot_keep_their_time()
    {
        var wrongTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        _store.Reopen(bootId: "boot-a");
        _store.Clock.SetWallClock(wrongTime);
        var earlier = RecordUnsynced();
        _store.Reopen(bootId: "boot-b");
        _store.Clock.SetWallClock(RealStart);

        Assert.Equal(0, _store.Deposits.CorrectUnsyncedTimes());
        Assert.Equal(wrongTime, TimeOf(earlier));
    }

    [Fact]
    public void A_clock_that_started_ahead_does_not_push_later_deposits_into_the_future()
    {
        _store.Clock.SetWallClock(new DateTimeOffset(2027, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var held = RecordUnsynced();
        _store.Clock.Advance(TimeSpan.FromSeconds(10));
        _store.Clock.SetWallClock(RealStart.AddSeconds(10));
        _store.Deposits.CorrectUnsyncedTimes();

        var next = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        Assert.Equal(RealStart, TimeOf(held));
        Assert.Equal(Now, next.T);
    }

    [Fact]
    public void A_deposit_recorded_after_the_correction_comes_after_every_corrected_one()
    {
        _store.Clock.SetWallClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var held = Enumerable.Range(0, 3).Select(_ => RecordUnsynced()).ToList();
        _store.Clock.SetWallClock(RealStart);
        _store.Deposits.CorrectUnsyncedTimes();

        var next = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        Assert.Equal(RealStart.AddMilliseconds(3), next.T);
        var times = _store.Deposits.Between(RealStart, RealStart.AddSeconds(1)).Select(d => d.Deposit.T).ToList();
        Assert.Equal(times.Distinct().Count(), times.Count);
    }

    public void Dispose() => _store.Dispose();

    private Contracts.Payloads.DepositMessage RecordUnsynced() => _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: true);

    private DateTimeOffset TimeOf(Contracts.Payloads.DepositMessage deposit) => _store.Deposits.Find(deposit.Id)!.Deposit.T;
}
