using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>
/// Store-and-forward for samples: append, read a batch in order, remove once the broker confirmed it. Samples
/// survive restarts and power cuts. The outbox is bounded (<see cref="OutboxOptions.MaxTelemetryBytes"/> and
/// <see cref="OutboxOptions.MaxTelemetryAge"/>): past either, the oldest telemetry goes first and is counted as
/// dropped, so a long outage costs old readings, never the agent's disk. The message number <c>seq</c> is kept
/// here too, so it keeps increasing across restarts.
/// </summary>
public sealed class TelemetryOutbox
{
    private const string SequenceCounter = "telemetry_seq";
    private const string DroppedCounter = "telemetry_dropped";
    private const string AppendedCounter = "telemetry_appended";

    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;
    private readonly MonotonicClock _monotonic;
    private readonly BootSession _boot;
    private readonly OutboxOptions _options;
    private readonly Channel<bool> _appended = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private long _bytes;
    private long _depth;
    private DateTimeOffset _nextAgeCheck;

    public TelemetryOutbox(AgentDatabase database, TimeProvider time, MonotonicClock monotonic, BootSession boot, IOptions<OutboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _time = time;
        _monotonic = monotonic;
        _boot = boot;
        _options = options.Value;
        lock (_database.Gate)
        {
            ReloadTotals();
        }
    }

    public long MaxBytes => _options.MaxTelemetryBytes;

    public void Append(Sample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var json = JsonSerializer.SerializeToUtf8Bytes(sample, WireJsonContext.Default.Sample);
        lock (_database.Gate)
        {
            try
            {
                AppendUnderGate(sample, json);
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex)
            {
                // The transaction rolled back: what this instance believes about the outbox must follow.
                ReloadTotals();
                if (AgentDatabase.IsDiskFull(ex))
                {
                    throw new DiskFullException("The device's storage is full; the reading was not kept.", ex);
                }

                throw;
            }
        }

        _appended.Writer.TryWrite(true);
    }

    /// <summary>
    /// The sample and the count of samples ever taken commit together, so "taken = stored + dropped + waiting" holds
    /// even when the power goes in the middle. Call under the gate.
    /// </summary>
    private void AppendUnderGate(Sample sample, byte[] json)
    {
        using var transaction = _database.BeginTransaction();
        using var insert = _database.Command("""
            INSERT INTO telemetry_outbox (taken_at_ms, bytes, sample, unsynced, boot_id, mono_ms)
            VALUES ($taken, $bytes, $sample, $unsynced, $boot, $mono);
            """, transaction);
        insert.Parameters.AddWithValue("$taken", sample.T.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$bytes", json.Length);
        insert.Parameters.AddWithValue("$sample", json);
        insert.Parameters.AddWithValue("$unsynced", sample.IsClockUnsynced ? 1 : 0);
        insert.Parameters.AddWithValue("$boot", _boot.BootId);
        insert.Parameters.AddWithValue("$mono", _monotonic.NowMilliseconds);
        insert.ExecuteNonQuery();
        _database.AddToCounter(AppendedCounter, 1, transaction);
        _bytes += json.Length;
        _depth++;
        EnforceLimits(transaction);
        transaction.Commit();
    }

    private void ReloadTotals()
    {
        using var totals = _database.Command("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM telemetry_outbox;");
        using var reader = totals.ExecuteReader();
        reader.Read();
        _depth = reader.GetInt64(0);
        _bytes = reader.GetInt64(1);
    }

    /// <summary>
    /// The oldest samples, in order, at most <paramref name="maxSamples"/> and about <paramref name="maxBytes"/> of
    /// JSON. While <paramref name="includeUnsynced"/> is false, samples taken before the clock was trusted wait.
    /// </summary>
    public IReadOnlyList<OutboxEntry> PeekBatch(int maxSamples, int maxBytes, bool includeUnsynced = true)
    {
        var entries = new List<OutboxEntry>();
        lock (_database.Gate)
        {
            using var select = _database.Command("""
                SELECT id, bytes, sample FROM telemetry_outbox
                WHERE $unsynced = 1 OR unsynced = 0
                ORDER BY id LIMIT $limit;
                """);
            select.Parameters.AddWithValue("$unsynced", includeUnsynced ? 1 : 0);
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

    /// <summary>Removes the confirmed entries. Entries dropped meanwhile (cap, age) are simply gone already.</summary>
    public void Remove(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        lock (_database.Gate)
        {
            using var transaction = _database.BeginTransaction();
            using var delete = _database.Command("DELETE FROM telemetry_outbox WHERE id = $id RETURNING bytes;", transaction);
            var id = delete.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
            foreach (var entry in entries)
            {
                id.Value = entry.Id;
                if (delete.ExecuteScalar() is long bytes)
                {
                    _bytes -= bytes;
                    _depth--;
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>The next message number, committed before it is used, so it never repeats across restarts.</summary>
    public long NextSequence()
    {
        lock (_database.Gate)
        {
            return _database.AddToCounter(SequenceCounter, 1);
        }
    }

    /// <summary>
    /// Gives samples taken before the clock was trusted (in this boot) their real time: now minus the monotonic
    /// time elapsed since each was taken. Samples from an earlier boot cannot be dated and keep their flag.
    /// </summary>
    /// <returns>How many samples were corrected.</returns>
    public int CorrectUnsyncedTimes()
    {
        var now = _time.GetUtcNow();
        var monotonicNow = _monotonic.NowMilliseconds;
        lock (_database.Gate)
        {
            using var transaction = _database.BeginTransaction();
            var rows = new List<(long Id, long Mono, byte[] Json)>();
            using (var select = _database.Command("SELECT id, mono_ms, sample FROM telemetry_outbox WHERE unsynced = 1 AND boot_id = $boot;", transaction))
            {
                select.Parameters.AddWithValue("$boot", _boot.BootId);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
                }
            }

            using var update = _database.Command("""
                UPDATE telemetry_outbox SET taken_at_ms = $taken, sample = $sample, bytes = $bytes, unsynced = 0 WHERE id = $id;
                """, transaction);
            foreach (var (id, mono, json) in rows)
            {
                var sample = JsonSerializer.Deserialize(json, WireJsonContext.Default.Sample)!;
                var corrected = sample with { T = WireTime.Truncate(now - TimeSpan.FromMilliseconds(monotonicNow - mono)), Clock = null };
                var correctedJson = JsonSerializer.SerializeToUtf8Bytes(corrected, WireJsonContext.Default.Sample);
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$taken", corrected.T.ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$sample", correctedJson);
                update.Parameters.AddWithValue("$bytes", correctedJson.Length);
                update.Parameters.AddWithValue("$id", id);
                update.ExecuteNonQuery();
                _bytes += correctedJson.Length - json.Length;
            }

            transaction.Commit();
            return rows.Count;
        }
    }

    /// <summary>Waits until something is appended (returns at once if something was appended since the last wait).</summary>
    public ValueTask WaitForAppendAsync(CancellationToken cancellationToken) =>
        _appended.Reader.TryRead(out _) ? ValueTask.CompletedTask : WaitSlowAsync(cancellationToken);

    public TelemetryFigures Figures()
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("SELECT MIN(mono_ms) FROM telemetry_outbox WHERE boot_id = $boot;");
            select.Parameters.AddWithValue("$boot", _boot.BootId);
            var oldestMono = select.ExecuteScalar() as long?;
            using var oldestSynced = _database.Command("SELECT MIN(taken_at_ms) FROM telemetry_outbox WHERE unsynced = 0;");
            var oldestTaken = oldestSynced.ExecuteScalar() as long?;
            var ageByClock = oldestTaken is { } taken ? (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(taken)).TotalSeconds : 0;
            var ageByMonotonic = oldestMono is { } mono ? (_monotonic.NowMilliseconds - mono) / 1000.0 : 0;
            return new TelemetryFigures(
                _depth,
                _bytes,
                (long)Math.Max(0, Math.Max(ageByClock, ageByMonotonic)),
                _database.ReadCounter(DroppedCounter),
                _database.ReadCounter(AppendedCounter));
        }
    }

    /// <summary>Past the byte cap the oldest go; past the age limit, readings with a trusted time go (call under the gate).</summary>
    private void EnforceLimits(Microsoft.Data.Sqlite.SqliteTransaction transaction)
    {
        var dropped = 0L;
        if (_bytes > _options.MaxTelemetryBytes)
        {
            var excess = _bytes - _options.MaxTelemetryBytes;
            using var oldest = _database.Command("SELECT id, bytes FROM telemetry_outbox ORDER BY id;", transaction);
            long lastId = 0, freed = 0, rows = 0;
            using (var reader = oldest.ExecuteReader())
            {
                while (freed < excess && reader.Read())
                {
                    lastId = reader.GetInt64(0);
                    freed += reader.GetInt64(1);
                    rows++;
                }
            }

            using var delete = _database.Command("DELETE FROM telemetry_outbox WHERE id <= $last;", transaction);
            delete.Parameters.AddWithValue("$last", lastId);
            delete.ExecuteNonQuery();
            _bytes -= freed;
            _depth -= rows;
            dropped += rows;
        }

        var now = _time.GetUtcNow();
        if (now >= _nextAgeCheck)
        {
            _nextAgeCheck = now + TimeSpan.FromMinutes(1);
            using var expire = _database.Command("DELETE FROM telemetry_outbox WHERE unsynced = 0 AND taken_at_ms < $cutoff RETURNING bytes;", transaction);
            expire.Parameters.AddWithValue("$cutoff", (now - _options.MaxTelemetryAge).ToUnixTimeMilliseconds());
            using var reader = expire.ExecuteReader();
            while (reader.Read())
            {
                _bytes -= reader.GetInt64(0);
                _depth--;
                dropped++;
            }
        }

        if (dropped > 0)
        {
            _database.AddToCounter(DroppedCounter, dropped, transaction);
        }
    }

    private async ValueTask WaitSlowAsync(CancellationToken cancellationToken) =>
        await _appended.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
}

/// <summary>What waits in the telemetry outbox, what had to be dropped and how many samples were taken, since the device was installed.</summary>
public sealed record TelemetryFigures(long Depth, long Bytes, long OldestSeconds, long Dropped, long Taken);
