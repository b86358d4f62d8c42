using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>
/// Refused messages kept in SQLite for inspection: topic, sender, reason and the payload as it arrived (at most
/// 64 KiB of it). Bounded: past <see cref="DeadLetterOptions.MaxKept"/> the oldest go first.
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
            """);
    }

    public string FilePath { get; }

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
                """;
            insert.Parameters.AddWithValue("$received_at", message.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
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
    public IReadOnlyList<DeadLetter> List(int limit, string? code = null)
    {
        lock (_gate)
        {
            using var select = _connection.CreateCommand();
            select.CommandText = """
                SELECT id, received_at, topic, client_id, code, reason, payload_bytes, payload FROM dead_letter
                WHERE $code IS NULL OR code = $code ORDER BY id DESC LIMIT $limit;
                """;
            select.Parameters.AddWithValue("$code", (object?)code ?? DBNull.Value);
            select.Parameters.AddWithValue("$limit", limit);
            using var reader = select.ExecuteReader();
            var letters = new List<DeadLetter>();
            while (reader.Read())
            {
                letters.Add(new DeadLetter(
                    reader.GetInt64(0),
                    DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                    reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.GetString(4),
                    reader.GetString(5),
                    reader.GetInt32(6),
                    (byte[])reader.GetValue(7)));
            }

            return letters;
        }
    }

    public long Count()
    {
        lock (_gate)
        {
            using var count = _connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM dead_letter;";
            return (long)count.ExecuteScalar()!;
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
