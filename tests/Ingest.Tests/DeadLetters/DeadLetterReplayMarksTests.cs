using Microsoft.Data.Sqlite;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.DeadLetters;

/// <summary>
/// What the store remembers of replays: a replayed dead letter stays, marked with when and how its replay ended, the
/// verdict it had goes to an audit trail, and the filters a replay selects by (code, ids, time, state) hold.
/// </summary>
public sealed class DeadLetterReplayMarksTests : IDisposable
{
    private static readonly DateTimeOffset Received = new(2026, 11, 28, 3, 15, 1, 250, TimeSpan.Zero);
    private static readonly DateTimeOffset ReplayedAt = new(2026, 11, 29, 1, 0, 0, TimeSpan.Zero);
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public void A_dead_letter_stored_by_a_replay_stays_marked_with_when_and_how_and_keeps_why_it_was_refused()
    {
        using var store = Open();
        var id = Keep(store, RejectionCode.StorageRefused, "InfluxDB answered 403: forbidden");

        Assert.True(store.MarkReplayed(id, ReplayedAt, ReplayOutcome.Stored));

        var letter = Assert.Single(store.List(10));
        Assert.Equal(new ReplayMark(ReplayedAt, ReplayOutcome.Stored, 1), letter.LastReplay);
        Assert.Equal(("storage_refused", "InfluxDB answered 403: forbidden"), (letter.Code, letter.Reason));
        Assert.Equal([new ReplayRecord(ReplayedAt, ReplayOutcome.Stored, "storage_refused", "InfluxDB answered 403: forbidden")], store.Replays(id));
        var view = DeadLetterView.From(letter);
        Assert.Equal((ReplayedAt, "stored", 1), (view.ReplayedAt, view.ReplayOutcome, view.Replays));
    }

    [Fact]
    public void A_dead_letter_refused_again_takes_the_new_reason_and_the_old_one_stays_in_its_audit_trail()
    {
        using var store = Open();
        var id = Keep(store, RejectionCode.StorageRefused, "InfluxDB answered 401: unauthorized");

        store.MarkReplayed(id, ReplayedAt, ReplayOutcome.Refused, Rejection.Of(RejectionCode.StorageRefused, "InfluxDB answered 400: field type conflict"));
        store.MarkReplayed(id, ReplayedAt.AddHours(1), ReplayOutcome.Stored);

        var letter = Assert.Single(store.List(10));
        Assert.Equal("InfluxDB answered 400: field type conflict", letter.Reason);
        Assert.Equal(new ReplayMark(ReplayedAt.AddHours(1), ReplayOutcome.Stored, 2), letter.LastReplay);
        Assert.Equal(
            [
                new ReplayRecord(ReplayedAt, ReplayOutcome.Refused, "storage_refused", "InfluxDB answered 401: unauthorized"),
                new ReplayRecord(ReplayedAt.AddHours(1), ReplayOutcome.Stored, "storage_refused", "InfluxDB answered 400: field type conflict"),
            ],
            store.Replays(id));
        Assert.Equal(1, store.Count());
    }

    [Fact]
    public void A_dead_letter_never_replayed_has_no_mark()
    {
        using var store = Open();
        Keep(store, RejectionCode.InvalidJson, "bad");

        var letter = Assert.Single(store.List(10));
        Assert.Null(letter.LastReplay);
        Assert.Equal((null, null, 0), (DeadLetterView.From(letter).ReplayedAt, DeadLetterView.From(letter).ReplayOutcome, DeadLetterView.From(letter).Replays));
    }

    [Fact]
    public void Marking_a_dead_letter_that_is_no_longer_kept_changes_nothing()
    {
        using var store = Open();

        Assert.False(store.MarkReplayed(42, ReplayedAt, ReplayOutcome.Stored));
        Assert.Empty(store.Replays(42));
    }

    [Fact]
    public void Pending_means_not_stored_by_a_replay_yet_and_replayed_means_stored_by_one()
    {
        using var store = Open();
        var never = Keep(store, RejectionCode.StorageRefused, "never replayed");
        var refusedAgain = Keep(store, RejectionCode.StorageRefused, "refused again");
        var stored = Keep(store, RejectionCode.StorageRefused, "stored");
        store.MarkReplayed(refusedAgain, ReplayedAt, ReplayOutcome.Refused, Rejection.Of(RejectionCode.StorageRefused, "refused again"));
        store.MarkReplayed(stored, ReplayedAt, ReplayOutcome.Stored);

        Assert.Equal([refusedAgain, never], Ids(store.List(10, new DeadLetterQuery { State = ReplayState.NotStoredByReplay })));
        Assert.Equal([stored], Ids(store.List(10, new DeadLetterQuery { State = ReplayState.StoredByReplay })));
        Assert.Equal([stored, refusedAgain, never], Ids(store.List(10, new DeadLetterQuery())));
    }

    [Fact]
    public void Filters_by_code_ids_and_time_of_receipt_all_hold_together()
    {
        using var store = Open();
        var early = Keep(store, RejectionCode.StorageRefused, "early", Received);
        var late = Keep(store, RejectionCode.StorageRefused, "late", Received.AddHours(2));
        var lateBad = Keep(store, RejectionCode.InvalidJson, "late, bad JSON", Received.AddHours(2));
        var later = Keep(store, RejectionCode.StorageRefused, "later", Received.AddHours(3));

        Assert.Equal([later, late], Ids(store.List(10, new DeadLetterQuery { Code = "storage_refused", Since = Received.AddHours(1) })));
        Assert.Equal([lateBad, early], Ids(store.List(10, new DeadLetterQuery { Ids = [early, lateBad] })));
        Assert.Equal([late], Ids(store.List(10, new DeadLetterQuery { Ids = [early, late, lateBad], Code = "storage_refused", Since = Received.AddHours(2) })));
        // The same instant written with another offset is the same instant.
        Assert.Equal([later], Ids(store.List(10, new DeadLetterQuery { Since = Received.AddHours(3).ToOffset(TimeSpan.FromHours(7)) })));
    }

    [Fact]
    public void A_page_is_oldest_first_between_the_ids_it_is_given()
    {
        using var store = Open();
        var ids = Enumerable.Range(1, 6).Select(i => Keep(store, RejectionCode.StorageRefused, $"{i}")).ToList();

        Assert.Equal(ids[1..3], Ids(store.Page(new DeadLetterQuery(), afterId: ids[0], upToId: ids[4], take: 2)));
        Assert.Equal(ids[3..5], Ids(store.Page(new DeadLetterQuery(), afterId: ids[2], upToId: ids[4], take: 10)));
        Assert.Equal(ids[5], store.LastId());
    }

    [Fact]
    public void A_store_written_before_replays_existed_opens_with_its_dead_letters_unreplayed()
    {
        var path = _folder.File("old.db");
        using (var old = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE dead_letter (
                    id INTEGER PRIMARY KEY AUTOINCREMENT, received_at TEXT NOT NULL, topic TEXT NOT NULL, client_id TEXT,
                    code TEXT NOT NULL, reason TEXT NOT NULL, payload_bytes INTEGER NOT NULL, payload BLOB NOT NULL);
                INSERT INTO dead_letter (received_at, topic, client_id, code, reason, payload_bytes, payload)
                VALUES ('2026-11-28T03:15:01.2500000Z', 'pontive/v1/a/b/deposit', NULL, 'storage_refused', 'InfluxDB answered 401', 2, x'7B7D');
                """;
            create.ExecuteNonQuery();
        }

        using var store = new DeadLetterStore(path, 100);
        var letter = Assert.Single(store.List(10, new DeadLetterQuery { State = ReplayState.NotStoredByReplay }));
        Assert.Null(letter.LastReplay);

        Assert.True(store.MarkReplayed(letter.Id, ReplayedAt, ReplayOutcome.Stored));
        Assert.Equal(ReplayOutcome.Stored, store.Find(letter.Id)!.LastReplay!.Outcome);
    }

    [Fact]
    public void The_audit_trail_of_a_dead_letter_dropped_past_the_cap_goes_with_it()
    {
        using var store = Open(maxKept: 100);
        var first = Keep(store, RejectionCode.StorageRefused, "first");
        store.MarkReplayed(first, ReplayedAt, ReplayOutcome.Refused, Rejection.Of(RejectionCode.StorageRefused, "again"));
        for (var i = 0; i < 100; i++)
        {
            Keep(store, RejectionCode.InvalidJson, "filler");
        }

        Assert.Null(store.Find(first));
        Assert.Empty(store.Replays(first));
    }

    public void Dispose() => _folder.Dispose();

    private static long[] Ids(IEnumerable<DeadLetter> letters) => [.. letters.Select(l => l.Id)];

    private DeadLetterStore Open(int maxKept = 1000) => new(_folder.File("dead-letters.db"), maxKept);

    private static long Keep(DeadLetterStore store, RejectionCode code, string reason, DateTimeOffset? received = null)
    {
        store.Keep(new InboundMessage(WirePayloads.DepositTopic, WirePayloads.Utf8(WirePayloads.Deposit), received ?? Received, "scale-01"), Rejection.Of(code, reason));
        return store.LastId();
    }
}
