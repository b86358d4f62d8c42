using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>
/// The device's deposit ledger and outbox. Money depends on it: a deposit is written with full synchronisation
/// before the operator sees it recorded, is never dropped, and stays until the city acknowledges it as stored
/// (and after, as the bank's own record). A deposit the broker took but the city has not acknowledged is sent again
/// after <see cref="OutboxOptions.DepositAckTimeout"/>, doubling up to <see cref="OutboxOptions.DepositResendMax"/>:
/// harmless, since InfluxDB keeps one point per deposit. No two deposits of a device share a millisecond.
/// </summary>
public sealed class DepositOutbox
{
    private const string LastTimeCounter = "deposit_last_t_ms";

    private readonly AgentDatabase _database;
    private readonly TimeProvider _time;
    private readonly MonotonicClock _monotonic;
    private readonly BootSession _boot;
    private readonly OutboxOptions _options;
    private readonly Channel<bool> _changed = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public DepositOutbox(AgentDatabase database, TimeProvider time, MonotonicClock monotonic, BootSession boot, IOptions<OutboxOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _database = database;
        _time = time;
        _monotonic = monotonic;
        _boot = boot;
        _options = options.Value;
    }

    /// <summary>Raised after a deposit was recorded or changed state (the kiosk refreshes the day's list).</summary>
    public event Action? Changed;

    /// <summary>
    /// Records a deposit. Its time becomes the later of its own and one millisecond after the device's previous
    /// deposit, so two deposits never share a millisecond (that would make them one point in InfluxDB).
    /// </summary>
    /// <param name="deposit">The new deposit.</param>
    /// <param name="clockUnsynced">Whether the device's clock was not yet trusted.</param>
    /// <param name="requestId">
    /// The kiosk's id for this Catat, if it sent one. When a deposit was already recorded under it, that deposit is
    /// returned and nothing new is recorded (the kiosk sends a Catat again when its answer was lost).
    /// </param>
    /// <returns>
    /// The deposit as recorded (with its final time); for a repeated <paramref name="requestId"/>, the one recorded
    /// first, whose id differs from <paramref name="deposit"/>'s.
    /// </returns>
    /// <exception cref="DiskFullException">The storage is full; nothing was recorded.</exception>
    public DepositMessage Record(DepositMessage deposit, bool clockUnsynced, string? requestId = null)
    {
        ArgumentNullException.ThrowIfNull(deposit);
        DepositMessage recorded;
        try
        {
            lock (_database.Gate)
            {
                using var transaction = _database.BeginTransaction();
                if (requestId is not null && RecordedFor(requestId, transaction) is { } earlier)
                {
                    return earlier;
                }

                var last = _database.ReadCounter(LastTimeCounter, transaction);
                var t = Math.Max(WireTime.Truncate(deposit.T).ToUnixTimeMilliseconds(), last + 1);
                recorded = deposit with { T = DateTimeOffset.FromUnixTimeMilliseconds(t) };
                using var insert = _database.Command("""
                    INSERT INTO deposit_outbox (deposit_id, t_ms, payload, state, unsynced, boot_id, mono_ms, request_id)
                    VALUES ($id, $t, $payload, 0, $unsynced, $boot, $mono, $request);
                    """, transaction);
                insert.Parameters.AddWithValue("$id", recorded.Id);
                insert.Parameters.AddWithValue("$request", (object?)requestId ?? DBNull.Value);
                insert.Parameters.AddWithValue("$t", t);
                insert.Parameters.AddWithValue("$payload", PayloadEncoder.Encode(recorded));
                insert.Parameters.AddWithValue("$unsynced", clockUnsynced ? 1 : 0);
                insert.Parameters.AddWithValue("$boot", _boot.BootId);
                insert.Parameters.AddWithValue("$mono", _monotonic.NowMilliseconds);
                insert.ExecuteNonQuery();
                _database.SetCounter(LastTimeCounter, t, transaction);
                transaction.Commit();
            }
        }
        catch (SqliteException ex) when (AgentDatabase.IsDiskFull(ex))
        {
            throw new DiskFullException("The device's storage is full; the deposit was not recorded.", ex);
        }

        OnChanged();
        return recorded;
    }

    /// <summary>Deposits to send now: never sent, or sent without the city's acknowledgement for too long.</summary>
    public IReadOnlyList<DepositMessage> Due(int max, bool includeUnsynced = true)
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("""
                SELECT payload FROM deposit_outbox
                WHERE kind = 0 AND state IN (0, 1) AND next_send_at_ms <= $now AND ($unsynced = 1 OR unsynced = 0)
                ORDER BY id LIMIT $max;
                """);
            select.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$unsynced", includeUnsynced ? 1 : 0);
            select.Parameters.AddWithValue("$max", max);
            return ReadDeposits(select);
        }
    }

    /// <summary>When the next unacknowledged deposit is due to be sent again, if any is waiting.</summary>
    public DateTimeOffset? NextResendAt()
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("SELECT MIN(next_send_at_ms) FROM deposit_outbox WHERE state IN (0, 1);");
            return select.ExecuteScalar() is long at ? DateTimeOffset.FromUnixTimeMilliseconds(at) : null;
        }
    }

    /// <summary>
    /// The broker took the deposit (or correction: they share the ledger and its ids): wait for the city's
    /// acknowledgement, and send it again if none comes.
    /// </summary>
    public void MarkSent(string depositId)
    {
        lock (_database.Gate)
        {
            // The city's acknowledgement can overtake the broker's PUBACK: a deposit already stored keeps its state,
            // but the send is still counted.
            using var update = _database.Command("""
                UPDATE deposit_outbox
                SET state = CASE WHEN state IN (0, 1) THEN 1 ELSE state END,
                    sends = sends + 1,
                    next_send_at_ms = $now + MIN($timeout * (1 << MIN(sends, 20)), $max)
                WHERE deposit_id = $id;
                """);
            update.Parameters.AddWithValue("$id", depositId);
            update.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            update.Parameters.AddWithValue("$timeout", (long)_options.DepositAckTimeout.TotalMilliseconds);
            update.Parameters.AddWithValue("$max", (long)_options.DepositResendMax.TotalMilliseconds);
            update.ExecuteNonQuery();
        }

        OnChanged();
    }

    /// <summary>The city refused the deposit for good; it stays in the ledger with the reason, for the operator.</summary>
    public void MarkRefused(string depositId, string reason)
    {
        lock (_database.Gate)
        {
            using var update = _database.Command("UPDATE deposit_outbox SET state = 3, refusal = $reason WHERE deposit_id = $id AND state IN (0, 1);");
            update.Parameters.AddWithValue("$id", depositId);
            update.Parameters.AddWithValue("$reason", reason);
            update.ExecuteNonQuery();
        }

        OnChanged();
    }

    /// <summary>The city acknowledged these deposits as stored.</summary>
    /// <returns>How many changed state (an acknowledgement may repeat).</returns>
    public int MarkStored(IEnumerable<string> depositIds)
    {
        ArgumentNullException.ThrowIfNull(depositIds);
        var changed = 0;
        lock (_database.Gate)
        {
            using var transaction = _database.BeginTransaction();
            using var update = _database.Command("UPDATE deposit_outbox SET state = 2, stored_at_ms = $now WHERE deposit_id = $id AND state <> 2;", transaction);
            update.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            var id = update.Parameters.Add("$id", SqliteType.Text);
            foreach (var depositId in depositIds)
            {
                id.Value = depositId;
                changed += update.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        if (changed > 0)
        {
            OnChanged();
        }

        return changed;
    }

    /// <summary>Deposits recorded from <paramref name="from"/> (inclusive) to <paramref name="to"/> (exclusive), oldest first.</summary>
    public IReadOnlyList<RecordedDeposit> Between(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("""
                SELECT payload, state, sends, stored_at_ms, refusal FROM deposit_outbox
                WHERE kind = 0 AND t_ms >= $from AND t_ms < $to ORDER BY t_ms;
                """);
            select.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            using var reader = select.ExecuteReader();
            var deposits = new List<RecordedDeposit>();
            while (reader.Read())
            {
                deposits.Add(new RecordedDeposit(
                    JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.DepositMessage)!,
                    (DepositState)reader.GetInt32(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4)));
            }

            return deposits;
        }
    }

    /// <summary>One deposit by id, with its state; null when the device has no such deposit.</summary>
    public RecordedDeposit? Find(string depositId) =>
        FindWhere("deposit_id = $key", depositId);

    /// <summary>The deposit recorded for the kiosk's request id, with its state; null when none was.</summary>
    public RecordedDeposit? FindByRequest(string requestId) =>
        FindWhere("request_id = $key", requestId);

    private RecordedDeposit? FindWhere(string condition, string key)
    {
        lock (_database.Gate)
        {
            using var select = _database.Command($"SELECT payload, state, sends, stored_at_ms, refusal FROM deposit_outbox WHERE kind = 0 AND {condition};");
            select.Parameters.AddWithValue("$key", key);
            using var reader = select.ExecuteReader();
            return reader.Read()
                ? new RecordedDeposit(
                    JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.DepositMessage)!,
                    (DepositState)reader.GetInt32(1),
                    reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4))
                : null;
        }
    }

    /// <summary>Deposits not yet acknowledged as stored: how many, their JSON size, and the oldest one's age.</summary>
    public (long Depth, long Bytes, long OldestSeconds) Figures()
    {
        lock (_database.Gate)
        {
            using var select = _database.Command("""
                SELECT COUNT(*), COALESCE(SUM(LENGTH(payload)), 0), MIN(t_ms) FROM deposit_outbox WHERE state IN (0, 1);
                """);
            using var reader = select.ExecuteReader();
            reader.Read();
            var oldest = reader.IsDBNull(2)
                ? 0
                : Math.Max(0, (long)(_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))).TotalSeconds);
            return (reader.GetInt64(0), reader.GetInt64(1), oldest);
        }
    }

    /// <summary>
    /// Gives deposits recorded before the clock was trusted (in this boot) their real time from the monotonic clock,
    /// keeping every deposit of the device on its own millisecond. Only deposits not yet sent are changed: a sent
    /// deposit's time is its identity in InfluxDB.
    /// </summary>
    public int CorrectUnsyncedTimes()
    {
        var now = _time.GetUtcNow();
        var monotonicNow = _monotonic.NowMilliseconds;
        int corrected;
        lock (_database.Gate)
        {
            using var transaction = _database.BeginTransaction();
            var rows = new List<(long Id, long Mono, byte[] Json)>();
            using (var select = _database.Command("""
                SELECT id, mono_ms, payload FROM deposit_outbox WHERE kind = 0 AND unsynced = 1 AND state = 0 AND boot_id = $boot ORDER BY id;
                """, transaction))
            {
                select.Parameters.AddWithValue("$boot", _boot.BootId);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2)));
                }
            }

            using var update = _database.Command("UPDATE deposit_outbox SET t_ms = $t, payload = $payload, unsynced = 0 WHERE id = $id;", transaction);
            var previous = 0L;
            foreach (var (id, mono, json) in rows)
            {
                var deposit = JsonSerializer.Deserialize(json, WireJsonContext.Default.DepositMessage)!;
                var t = Math.Max((now - TimeSpan.FromMilliseconds(monotonicNow - mono)).ToUnixTimeMilliseconds(), previous + 1);
                previous = t;
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$t", t);
                update.Parameters.AddWithValue("$payload", PayloadEncoder.Encode(deposit with { T = DateTimeOffset.FromUnixTimeMilliseconds(t) }));
                update.Parameters.AddWithValue("$id", id);
                update.ExecuteNonQuery();
            }

            if (rows.Count > 0)
            {
                using var latest = _database.Command("SELECT MAX(t_ms) FROM deposit_outbox WHERE kind = 0;", transaction);
                _database.SetCounter(LastTimeCounter, (long)latest.ExecuteScalar()!, transaction);
            }

            transaction.Commit();
            corrected = rows.Count;
        }

        if (corrected > 0)
        {
            OnChanged();
        }

        return corrected;
    }

    /// <summary>Waits until a deposit is recorded or changes state (returns at once if that happened since the last wait).</summary>
    public ValueTask WaitForChangeAsync(CancellationToken cancellationToken) =>
        _changed.Reader.TryRead(out _) ? ValueTask.CompletedTask : WaitSlowAsync(cancellationToken);

    private DepositMessage? RecordedFor(string requestId, SqliteTransaction transaction)
    {
        using var select = _database.Command("SELECT payload FROM deposit_outbox WHERE kind = 0 AND request_id = $request;", transaction);
        select.Parameters.AddWithValue("$request", requestId);
        return ReadDeposits(select) is [var earlier] ? earlier : null;
    }

    private static List<DepositMessage> ReadDeposits(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var deposits = new List<DepositMessage>();
        while (reader.Read())
        {
            deposits.Add(JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.DepositMessage)!);
        }

        return deposits;
    }

    /// <summary>For the corrections, which share this ledger: wake the publisher and the kiosk.</summary>
    internal void NotifyChanged() => OnChanged();

    private void OnChanged()
    {
        _changed.Writer.TryWrite(true);
        Changed?.Invoke();
    }

    private async ValueTask WaitSlowAsync(CancellationToken cancellationToken) =>
        await _changed.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
}
