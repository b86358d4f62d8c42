using System.Text.Json;
using System.Threading.Channels;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>
/// Store-and-forward for samples: append, read a batch in order, remove once the broker confirmed it. Samples
/// survive restarts and power cuts; the message number <c>seq</c> is kept here too so it keeps increasing.
/// </summary>
public sealed class TelemetryOutbox
{
    private const string SequenceCounter = "telemetry_seq";

    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;
    private readonly Channel<bool> _appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public TelemetryOutbox(AgentDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    public void Append(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var json = JsonSerializer.SerializeToUtf8Bytes(sample, WireJsonContext.Default.Sample);
        lock (_database.Gate)
        {
            using var insert = _database.Command("INSERT INTO telemetry_outbox (taken_at_ms, bytes, sample) VALUES ($taken, $bytes, $sample);");
            insert.Parameters.AddWithValue("$taken", sample.T.ToUnixTimeMilliseconds());
            insert.Parameters.AddWithValue("$bytes", json.Length);
            insert.Parameters.AddWithValue("$sample", json);
            insert.ExecuteNonQuery();
        }

        _appended.Writer.TryWrite(true);
    }

    /// <summary>The oldest samples, in order, at most <paramref name="maxSamples"/> and about <paramref name="maxBytes"/> of JSON.</summary>
    public IReadOnlyList<OutboxEntry> PeekBatch(int maxSamples, int maxBytes)
    {
        var entries = new List<OutboxEntry>();
        lock (_database.Gate)
        {
            using var select = _database.Command("SELECT id, bytes, sample FROM telemetry_outbox ORDER BY id LIMIT $limit;");
            select.Parameters.AddWithValue("$limit", maxSamples);
            using var reader = select.ExecuteReader();
            var total = 0;
            while (reader.Read())
            {
                var bytes = reader.GetInt32(1);
                if (entries.Count > 0 && total + bytes > maxBytes)
                {
                    break;
                }

                var sample = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(2), WireJsonContext.Default.Sample)!;
                entries.Add(new OutboxEntry(reader.GetInt64(0), sample, bytes));
                total += bytes + 1;
            }
        }

        return entries;
    }

    /// <summary>Removes the confirmed entries (a contiguous run of the oldest).</summary>
    public void Remove(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        lock (_database.Gate)
        {
            using var delete = _database.Command("DELETE FROM telemetry_outbox WHERE id BETWEEN $first AND $last;");
            delete.Parameters.AddWithValue("$first", entries[0].Id);
            delete.Parameters.AddWithValue("$last", entries[^1].Id);
            delete.ExecuteNonQuery();
        }
    }

    /// <summary>The next message number, committed before it is used, so it never repeats across restarts.</summary>
    public long NextSequence()
    {
        lock (_database.Gate)
        {
            using var next = _database.Command("""
                INSERT INTO agent_counter (name, value) VALUES ($name, 1)
                ON CONFLICT (name) DO UPDATE SET value = value + 1
                RETURNING value;
                """);
            next.Parameters.AddWithValue("$name", SequenceCounter);
            return (long)next.ExecuteScalar()!;
        }
    }

    /// <summary>Waits until something is appended (returns at once if something was appended since the last wait).</summary>
    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) =>
        _appended.Reader.TryRead(out _) ? ValueTask.CompletedTask : WaitSlowAsync(cancellationToken);

    public OutboxFigures Figures()
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("SELECT COUNT(*), COALESCE(SUM(bytes), 0), MIN(taken_at_ms) FROM telemetry_outbox;");
            using var reader = select.ExecuteReader();
            reader.Read();
            var oldest = reader.IsDBNull(2)
                ? 0
                : Math.Max(0, (long)(_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))).TotalSeconds);
            return new OutboxFigures { Depth = reader.GetInt64(0), Bytes = reader.GetInt64(1), OldestS = oldest, Dropped = 0 };
        }
    }

    private async ValueTask WaitSlowAsync(CancellationToken cancellationToken) =>
        await _appended.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
}
