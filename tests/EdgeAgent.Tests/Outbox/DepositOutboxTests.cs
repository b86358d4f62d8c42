using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

public sealed class DepositOutboxTests : IDisposable
{
    private readonly AgentStore _store = new();

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void A_recorded_deposit_survives_a_restart_unchanged_and_waiting()
    {
        var recorded = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        _store.Reopen();

        var found = _store.Deposits.Find(recorded.Id);
        Assert.NotNull(found);
        Assert.Equal(recorded, found.Deposit);
        Assert.Equal(DepositState.Waiting, found.State);
        Assert.Equal(0, found.Sends);
        Assert.Null(found.StoredAt);
        Assert.Equal([recorded.Id], _store.Deposits.Due(10).Select(d => d.Id));
    }

    [Fact]
    public void Deposits_recorded_in_the_same_millisecond_get_distinct_increasing_times()
    {
        var t = Now;

        var times = Enumerable.Range(0, 5).Select(_ => _store.Deposits.Record(DepositExamples.Message(t), clockUnsynced: false).T).ToList();

        Assert.Equal(Enumerable.Range(0, 5).Select(i => t.AddMilliseconds(i)), times);
        Assert.Equal(times, _store.Deposits.Between(t, t.AddSeconds(1)).Select(d => d.Deposit.T));
    }

    [Fact]
    public void A_deposit_keeps_the_time_it_was_given_to_the_millisecond()
    {
        var t = Now.AddTicks(1_234_567);

        var recorded = _store.Deposits.Record(DepositExamples.Message(t), clockUnsynced: false);

        Assert.Equal(Now.AddMilliseconds(123), recorded.T);
        Assert.Equal(recorded.T, _store.Deposits.Find(recorded.Id)!.Deposit.T);
    }

    [Fact]
    public void Deposits_keep_increasing_times_when_the_wall_clock_jumps_backwards_even_across_a_restart()
    {
        var first = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _store.Clock.SetWallClock(Now.AddHours(-1));
        var second = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _store.Reopen();
        _store.Clock.SetWallClock(Now.AddHours(-1));
        var third = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        Assert.Equal(first.T.AddMilliseconds(1), second.T);
        Assert.Equal(first.T.AddMilliseconds(2), third.T);
    }

    [Fact]
    public void Between_returns_deposits_from_the_start_inclusive_to_the_end_exclusive_oldest_first()
    {
        var t = Now;
        var at0 = _store.Deposits.Record(DepositExamples.Message(t), clockUnsynced: false);
        var at10 = _store.Deposits.Record(DepositExamples.Message(t.AddSeconds(10)), clockUnsynced: false);
        _store.Deposits.Record(DepositExamples.Message(t.AddSeconds(20)), clockUnsynced: false);

        Assert.Equal([at0.Id, at10.Id], _store.Deposits.Between(t, t.AddSeconds(20)).Select(d => d.Deposit.Id));
        Assert.Equal([at10.Id], _store.Deposits.Between(t.AddMilliseconds(1), t.AddSeconds(10).AddMilliseconds(1)).Select(d => d.Deposit.Id));
        Assert.Empty(_store.Deposits.Between(t.AddSeconds(30), t.AddSeconds(40)));
    }

    [Fact]
    public void Find_returns_null_for_a_deposit_the_device_does_not_have()
    {
        _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        Assert.Null(_store.Deposits.Find(Ulid.NewUlid().ToString()));
    }

    [Fact]
    public async Task Recording_a_deposit_raises_Changed_and_wakes_the_publisher()
    {
        using var cancel = new CancellationTokenSource(Timeouts.Test);
        var changes = 0;
        _store.Deposits.Changed += () => changes++;
        var waiting = _store.Deposits.WaitForChangeAsync(cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);

        _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);

        await waiting.WaitAsync(Timeouts.Test);
        Assert.Equal(1, changes);
    }

    public void Dispose() => _store.Dispose();
}
