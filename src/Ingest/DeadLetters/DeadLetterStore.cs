using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>
/// Refused messages kept in SQLite for inspection: topic, sender, reason and the payload as it arrived (at most
/// 64 KiB of it). Bounded: past <see cref="DeadLetterOptions.MaxKept"/> the oldest go first. A dead letter that is
/// replayed (<see cref="DeadLetterReplayer"/>) stays, marked with when and how its replay ended, and every replay is
/// also written to <c>dead_letter_replay</c> with the verdict it replaced: the audit trail of what was re-submitted.
/// </summary>
public sealed class DeadLetterStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly int _maxKept;
    private readonly Lock _gate = new();

    public DeadLetterStore(IOptions<DeadLetterOptions> options, IOptions<IngestOptions> ingest)
        : this(ResolvePath(options.Value.Path, ingest.Value.DataDirectory), options.Value.MaxKept)
    {
    }

    public DeadLetterStore(string path, int maxKept)
    {
        FilePath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // Kept payloads carry member ids and operator names: for Ingest's eyes only, like registry.db.
        PrivateFiles.PrepareDatabase(FilePath);
        _maxKept = maxKept;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS dead_letter (
                id            INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at   TEXT    NOT NULL,
                topic         TEXT    NOT NULL,
                client_id     TEXT,
                code          TEXT    NOT NULL,
                reason        TEXT    NOT NULL,
                payload_bytes INTEGER NOT NULL,
                payload       BLOB    NOT NULL);
            CREATE INDEX IF NOT EXISTS dead_letter_code ON dead_letter (code);
            CREATE TABLE IF NOT EXISTS dead_letter_replay (
                id             INTEGER PRIMARY KEY AUTOINCREMENT,
                dead_letter_id INTEGER NOT NULL,
                replayed_at    TEXT    NOT NULL,
                outcome        TEXT    NOT NULL,
                code_before    TEXT    NOT NULL,
                reason_before  TEXT    NOT NULL);
            CREATE INDEX IF NOT EXISTS dead_letter_replay_letter ON dead_letter_replay (dead_letter_id);
            """);
        AddReplayColumns();
    }

    public string FilePath { get; }

    /// <summary>
    /// Held by the <see cref="DeadLetterReplayer"/> that is replaying from this store: one replay at a time, so two
    /// admins cannot send the same dead letters twice and mark them twice. It lives here because the store is the one
    /// thing every replay of this service shares.
    /// </summary>
    internal SemaphoreSlim ReplayGate { get; } = new(1, 1);

    public static string ResolvePath(string path, string dataDirectory) =>
        Path.IsPathRooted(path) ? path : Path.Combine(dataDirectory, path);

    public void Keep(InboundMessage message, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(rejection);
        var payload = message.Payload.Length > WireLimits.MaxPayloadBytes ? message.Payload[..WireLimits.MaxPayloadBytes] : message.Payload;
        lock (_gate)
        {
            using var insert = _connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO dead_letter (received_at, topic, client_id, code, reason, payload_bytes, payload)
                VALUES ($received_at, $topic, $client_id, $code, $reason, $payload_bytes, $payload);
                DELETE FROM dead_letter WHERE id <= last_insert_rowid() - $max_kept;
                DELETE FROM dead_letter_replay WHERE dead_letter_id <= last_insert_rowid() - $max_kept;
                """;
            insert.Parameters.AddWithValue("$received_at", Text(message.ReceivedAt));
            insert.Parameters.AddWithValue("$topic", message.Topic);
            insert.Parameters.AddWithValue("$client_id", (object?)message.ClientId ?? DBNull.Value);
            insert.Parameters.AddWithValue("$code", rejection.Code.WireName());
            insert.Parameters.AddWithValue("$reason", rejection.Reason);
            insert.Parameters.AddWithValue("$payload_bytes", message.Payload.Length);
            insert.Parameters.AddWithValue("$payload", payload.ToArray());
            insert.Parameters.AddWithValue("$max_kept", _maxKept);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>The newest dead letters first, optionally only those of one rejection code.</summary>
    public IReadOnlyList<DeadLetter> List(int limit, string? code = null) => List(limit, new DeadLetterQuery { Code = code });

    /// <summary>The newest dead letters first that match <paramref name="query"/>.</summary>
    public IReadOnlyList<DeadLetter> List(int limit, DeadLetterQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = $"SELECT {Columns} FROM dead_letter WHERE {Where(select, query)} ORDER BY id DESC LIMIT $limit;";
            select.Parameters.AddWithValue("$limit", limit);
            return Read(select);
        }
    }

    /// <summary>
    /// Dead letters matching <paramref name="query"/>, oldest first, with ids after <paramref name="afterId"/> and up to
    /// <paramref name="upToId"/>: a replay pages through what was there when it began, so the letters it puts back
    /// (refused again) are not picked up a second time by the same replay.
    /// </summary>
    public IReadOnlyList<DeadLetter> Page(DeadLetterQuery query, long afterId, long upToId, int take)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = $"SELECT {Columns} FROM dead_letter WHERE id > $after AND id <= $up_to AND {Where(select, query)} ORDER BY id LIMIT $take;";
            select.Parameters.AddWithValue("$after", afterId);
            select.Parameters.AddWithValue("$up_to", upToId);
            select.Parameters.AddWithValue("$take", take);
            return Read(select);
        }
    }

    /// <summary>The newest dead letter's id (0 when there is none).</summary>
    public long LastId()
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT COALESCE(MAX(id), 0) FROM dead_letter;";
            return (long)select.ExecuteScalar()!;
        }
    }

    /// <summary>
    /// Marks a replayed dead letter: when, and how it ended. Refused again, it takes the new code and reason (it is
    /// still a dead letter, for the new cause); the verdict it had before goes to the audit trail either way.
    /// </summary>
    /// <returns>False when the dead letter is no longer kept (dropped past the cap while it was replayed).</returns>
    public bool MarkReplayed(long id, DateTimeOffset at, ReplayOutcome outcome, Rejection? newVerdict = null)
    {
        if (outcome == ReplayOutcome.Refused)
        {
            ArgumentNullException.ThrowIfNull(newVerdict);
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var mark = _connection.CreateCommand();
            mark.Transaction = transaction;
            mark.CommandText = """
                INSERT INTO dead_letter_replay (dead_letter_id, replayed_at, outcome, code_before, reason_before)
                SELECT id, $at, $outcome, code, reason FROM dead_letter WHERE id = $id;
                UPDATE dead_letter
                SET replayed_at = $at, replay_outcome = $outcome, replays = replays + 1,
                    code = COALESCE($code, code), reason = COALESCE($reason, reason)
                WHERE id = $id;
                """;
            mark.Parameters.AddWithValue("$id", id);
            mark.Parameters.AddWithValue("$at", Text(at));
            mark.Parameters.AddWithValue("$outcome", outcome.WireName());
            mark.Parameters.AddWithValue("$code", outcome == ReplayOutcome.Refused ? newVerdict!.Code.WireName() : DBNull.Value);
            mark.Parameters.AddWithValue("$reason", outcome == ReplayOutcome.Refused ? newVerdict!.Reason : DBNull.Value);
            var changed = mark.ExecuteNonQuery();
            transaction.Commit();
            return changed > 0;
        }
    }

    /// <summary>Every replay of one dead letter, oldest first, with the verdict each one replaced.</summary>
    public IReadOnlyList<ReplayRecord> Replays(long id)
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = "SELECT replayed_at, outcome, code_before, reason_before FROM dead_letter_replay WHERE dead_letter_id = $id ORDER BY id;";
            select.Parameters.AddWithValue("$id", id);
            using var reader = select.ExecuteReader();
            var replays = new List<ReplayRecord>();
            while (reader.Read())
            {
                replays.Add(new ReplayRecord(ParseTime(reader.GetString(0)), ReplayOutcomes.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3)));
            }

            return replays;
        }
    }

    /// <summary>One dead letter by its id, or null when it is not (or no longer) kept.</summary>
    public DeadLetter? Find(long id)
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = $"SELECT {Columns} FROM dead_letter WHERE id = $id;";
            select.Parameters.AddWithValue("$id", id);
            return Read(select).SingleOrDefault();
        }
    }

    public long Count() => Count(new DeadLetterQuery());

    /// <summary>How many kept dead letters the query matches.</summary>
    public long Count(DeadLetterQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            using var count = _connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM dead_letter WHERE {Where(count, query)};";
            return (long)count.ExecuteScalar()!;
        }
    }

    public void Dispose()
    {
        _connection.Dispose();
        ReplayGate.Dispose();
    }

    private const string Columns = "id, received_at, topic, client_id, code, reason, payload_bytes, payload, replayed_at, replay_outcome, replays";

    private static string Text(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>The query as SQL conditions, its values added to <paramref name="command"/>.</summary>
    private static string Where(SqliteCommand command, DeadLetterQuery query)
    {
        var conditions = new List<string> { "1 = 1" };
        if (query.Code is { } code)
        {
            conditions.Add("code = $code");
            command.Parameters.AddWithValue("$code", code);
        }

        if (query.Ids is { Count: > 0 } ids)
        {
            conditions.Add("id IN (SELECT value FROM json_each($ids))");
            command.Parameters.AddWithValue("$ids", "[" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]");
        }

        if (query.Since is { } since)
        {
            // Times are stored in one fixed-width form ("O", UTC), so they compare as text.
            conditions.Add("received_at >= $since");
            command.Parameters.AddWithValue("$since", Text(since));
        }

        switch (query.State)
        {
            case ReplayState.NotStoredByReplay:
                conditions.Add("(replay_outcome IS NULL OR replay_outcome <> 'stored')");
                break;
            case ReplayState.StoredByReplay:
                conditions.Add("replay_outcome = 'stored'");
                break;
            case ReplayState.Any:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(query), query.State, null);
        }

        return string.Join(" AND ", conditions);
    }

    private static List<DeadLetter> Read(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var letters = new List<DeadLetter>();
        while (reader.Read())
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0),
                ParseTime(reader.GetString(1)),
                reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetString(4),
                reader.GetString(5),
                reader.GetInt32(6),
                (byte[])reader.GetValue(7))
            {
                LastReplay = reader.IsDBNull(8)
                    ? null
                    : new ReplayMark(ParseTime(reader.GetString(8)), ReplayOutcomes.Parse(reader.GetString(9)), reader.GetInt32(10)),
            });
        }

        return letters;
    }

    /// <summary>A store written before replays existed gets their columns; its dead letters read as never replayed.</summary>
    private void AddReplayColumns()
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var info = _connection.CreateCommand())
        {
            info.CommandText = "SELECT name FROM pragma_table_info('dead_letter');";
            using var reader = info.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }

        foreach (var (name, definition) in new[] { ("replayed_at", "TEXT"), ("replay_outcome", "TEXT"), ("replays", "INTEGER NOT NULL DEFAULT 0") })
        {
            if (!existing.Contains(name))
            {
                Execute($"ALTER TABLE dead_letter ADD COLUMN {name} {definition};");
            }
        }
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
