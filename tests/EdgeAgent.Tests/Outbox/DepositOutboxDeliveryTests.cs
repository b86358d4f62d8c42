using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

/// <summary>A deposit on its way: sent (PUBACK), sent again without the city's acknowledgement, stored, refused.</summary>
public sealed class DepositOutboxDeliveryTests : IDisposable
{
    private static readonly TimeSpan AckTimeout = TimeSpan.FromMinutes(5);

    private readonly AgentStore _store = new(options: new OutboxOptions
    {
        DepositAckTimeout = AckTimeout,
        DepositResendMax = TimeSpan.FromMinutes(12),
    });

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void A_new_deposit_is_due_at_once_and_deposits_go_oldest_first()
    {
        var first = Record();
        var second = Record();

        Assert.Equal([first, second], _store.Deposits.Due(10));
        Assert.Equal([first], _store.Deposits.Due(1));
        Assert.True(_store.Deposits.NextResendAt() <= Now);
    }

    [Fact]
    public void A_sent_deposit_without_acknowledgement_is_due_again_after_the_ack_timeout_doubling_up_to_the_cap()
    {
        var id = Record().Id;
        var waits = new List<TimeSpan>();

        for (var send = 0; send < 5; send++)
        {
            var sentAt = Now;
            _store.Deposits.MarkSent(id);
            var next = _store.Deposits.NextResendAt();
            Assert.NotNull(next);
            waits.Add(next.Value - sentAt);

            _store.Clock.Advance(next.Value - Now - TimeSpan.FromMilliseconds(1));
            Assert.Empty(_store.Deposits.Due(10));
            _store.Clock.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal([id], _store.Deposits.Due(10).Select(d => d.Id));
        }

        Assert.Equal([5, 10, 12, 12, 12], waits.Select(w => w.TotalMinutes));
        var found = _store.Deposits.Find(id)!;
        Assert.Equal(DepositState.Sent, found.State);
        Assert.Equal(5, found.Sends);
    }

    [Fact]
    public void An_acknowledged_deposit_is_stored_and_never_due_again()
    {
        var id = Record().Id;
        _store.Deposits.MarkSent(id);

        var changed = _store.Deposits.MarkStored([id]);
        _store.Clock.Advance(TimeSpan.FromDays(1));

        Assert.Equal(1, changed);
        Assert.Empty(_store.Deposits.Due(10));
        Assert.Null(_store.Deposits.NextResendAt());
        var found = _store.Deposits.Find(id)!;
        Assert.Equal(DepositState.Stored, found.State);
        Assert.Equal(1, found.Sends);
    }

    [Fact]
    public void A_repeated_acknowledgement_changes_nothing_and_keeps_the_first_stored_time()
    {
        var id = Record().Id;
        _store.Deposits.MarkSent(id);
        _store.Clock.Advance(TimeSpan.FromSeconds(2));
        var firstAckAt = Now;
        Assert.Equal(1, _store.Deposits.MarkStored([id]));
        _store.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, _store.Deposits.MarkStored([id, id]));
        Assert.Equal(firstAckAt, _store.Deposits.Find(id)!.StoredAt);
    }

    [Fact]
    public void An_acknowledgement_naming_unknown_deposits_is_harmless()
    {
        var id = Record().Id;

        Assert.Equal(0, _store.Deposits.MarkStored([Ulid.NewUlid().ToString()]));
        Assert.Equal(DepositState.Waiting, _store.Deposits.Find(id)!.State);
    }

    [Fact]
    public void An_acknowledgement_that_overtakes_the_PUBACK_keeps_the_deposit_stored_and_still_counts_the_send()
    {
        var id = Record().Id;

        _store.Deposits.MarkStored([id]);
        _store.Deposits.MarkSent(id);
        _store.Clock.Advance(TimeSpan.FromDays(1));

        var found = _store.Deposits.Find(id)!;
        Assert.Equal(DepositState.Stored, found.State);
        Assert.Equal(1, found.Sends);
        Assert.Empty(_store.Deposits.Due(10));
    }

    [Fact]
    public void A_refused_deposit_keeps_its_reason_for_the_operator_and_is_not_sent_again()
    {
        var id = Record().Id;

        _store.Deposits.MarkRefused(id, "$.value_idr does not match");
        _store.Clock.Advance(TimeSpan.FromDays(1));

        var found = _store.Deposits.Find(id)!;
        Assert.Equal(DepositState.Refused, found.State);
        Assert.Equal("$.value_idr does not match", found.Refusal);
        Assert.Empty(_store.Deposits.Due(10));
        Assert.Equal(0, _store.Deposits.Figures().Depth);
    }

    [Fact]
    public void The_citys_acknowledgement_wins_over_an_earlier_refusal()
    {
        // A resend was refused, but the city had stored the first copy and says so: the deposit is stored.
        var id = Record().Id;
        _store.Deposits.MarkSent(id);
        _store.Deposits.MarkRefused(id, "refused");

        Assert.Equal(1, _store.Deposits.MarkStored([id]));
        Assert.Equal(DepositState.Stored, _store.Deposits.Find(id)!.State);
    }

    [Fact]
    public void A_refusal_arriving_after_the_acknowledgement_does_not_undo_it()
    {
        var id = Record().Id;
        _store.Deposits.MarkStored([id]);

        _store.Deposits.MarkRefused(id, "refused");

        var found = _store.Deposits.Find(id)!;
        Assert.Equal(DepositState.Stored, found.State);
        Assert.Null(found.Refusal);
    }

    [Fact]
    public void Figures_count_the_deposits_not_yet_acknowledged_their_size_and_the_oldest_age()
    {
        var stored = Record();
        _store.Clock.Advance(TimeSpan.FromSeconds(30));
        var sent = Record();
        var waiting = Record();
        _store.Deposits.MarkStored([stored.Id]);
        _store.Deposits.MarkSent(sent.Id);
        _store.Clock.Advance(TimeSpan.FromSeconds(15));

        var (depth, bytes, oldest) = _store.Deposits.Figures();

        Assert.Equal(2, depth);
        Assert.Equal(Contracts.Serialization.PayloadEncoder.Encode(sent).Length + Contracts.Serialization.PayloadEncoder.Encode(waiting).Length, bytes);
        Assert.Equal(15, oldest);
    }

    [Fact]
    public void While_readings_are_held_deposits_recorded_with_an_untrusted_clock_wait()
    {
        var unsynced = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: true);
        var synced = Record();

        Assert.Equal([synced.Id], _store.Deposits.Due(10, includeUnsynced: false).Select(d => d.Id));
        Assert.Equal([unsynced.Id, synced.Id], _store.Deposits.Due(10, includeUnsynced: true).Select(d => d.Id));
    }

    public void Dispose() => _store.Dispose();

    private Contracts.Payloads.DepositMessage Record() => _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
}
