using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>
/// Corrections (voided deposits) in the device's ledger: they sit in the same table as the deposits (kind 1, with
/// the id of the deposit they void), are sent, resent and acknowledged the same way, and marked sent or stored
/// through <see cref="DepositOutbox"/>. A deposit is voided at most once; the deposit's own row never changes.
/// </summary>
public sealed class CorrectionOutbox(AgentDatabase database, DepositOutbox deposits, TimeProvider time, MonotonicClock monotonic, BootSession boot)
{
    /// <exception cref="KeyNotFoundException">The device has no such deposit.</exception>
    /// <exception cref="AlreadyVoidedException">The deposit was voided before.</exception>
    /// <exception cref="DiskFullException">The storage is full; nothing was recorded.</exception>
    public CorrectionMessage Record(CorrectionMessage correction, bool clockUnsynced)
    {
        ArgumentNullException.ThrowIfNull(correction);
        try
        {
            lock (database.Gate)
            {
                using var transaction = database.BeginTransaction();
                using (var exists = database.Command("SELECT COUNT(*) FROM deposit_outbox WHERE kind = 0 AND deposit_id = $id;", transaction))
                {
                    exists.Parameters.AddWithValue("$id", correction.DepositId);
                    if ((long)exists.ExecuteScalar()! == 0)
                    {
                        throw new KeyNotFoundException($"No deposit {correction.DepositId} on this device.");
                    }
                }

                using var insert = database.Command("""
                    INSERT INTO deposit_outbox (deposit_id, kind, voids, t_ms, payload, state, unsynced, boot_id, mono_ms)
                    VALUES ($id, 1, $voids, $t, $payload, 0, $unsynced, $boot, $mono);
                    """, transaction);
                insert.Parameters.AddWithValue("$id", correction.Id);
                insert.Parameters.AddWithValue("$voids", correction.DepositId);
                insert.Parameters.AddWithValue("$t", correction.T.ToUnixTimeMilliseconds());
                insert.Parameters.AddWithValue("$payload", PayloadEncoder.Encode(correction));
                insert.Parameters.AddWithValue("$unsynced", clockUnsynced ? 1 : 0);
                insert.Parameters.AddWithValue("$boot", boot.BootId);
                insert.Parameters.AddWithValue("$mono", monotonic.NowMilliseconds);
                insert.ExecuteNonQuery();
                transaction.Commit();
            }
        }
        catch (SqliteException ex) when (AgentDatabase.IsDiskFull(ex))
        {
            throw new DiskFullException("The device's storage is full; the correction was not recorded.", ex);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
        {
            // SQLITE_CONSTRAINT: the unique index on the voided deposit.
            throw new AlreadyVoidedException($"Deposit {correction.DepositId} was voided already.", ex);
        }

        deposits.NotifyChanged();
        return correction;
    }

    /// <summary>Corrections to send now: never sent, or sent without the city's acknowledgement for too long.</summary>
    public IReadOnlyList<CorrectionMessage> Due(int max, bool includeUnsynced = true)
    {
        lock (database.Gate)
        {
            using var select = database.Command("""
                SELECT payload FROM deposit_outbox
                WHERE kind = 1 AND state IN (0, 1) AND next_send_at_ms <= $now AND ($unsynced = 1 OR unsynced = 0)
                ORDER BY id LIMIT $max;
                """);
            select.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$unsynced", includeUnsynced ? 1 : 0);
            select.Parameters.AddWithValue("$max", max);
            using var reader = select.ExecuteReader();
            var corrections = new List<CorrectionMessage>();
            while (reader.Read())
            {
                corrections.Add(JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.CorrectionMessage)!);
            }

            return corrections;
        }
    }

    /// <summary>The corrections of the deposits recorded from <paramref name="from"/> to <paramref name="to"/>, by voided deposit id.</summary>
    public IReadOnlyDictionary<string, RecordedCorrection> OfDepositsBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (database.Gate)
        {
            using var select = database.Command("""
                SELECT c.payload, c.state FROM deposit_outbox c JOIN deposit_outbox d ON d.deposit_id = c.voids
                WHERE c.kind = 1 AND d.t_ms >= $from AND d.t_ms < $to;
                """);
            select.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
            select.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            using var reader = select.ExecuteReader();
            var corrections = new Dictionary<string, RecordedCorrection>(StringComparer.Ordinal);
            while (reader.Read())
            {
                var correction = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.CorrectionMessage)!;
                corrections[correction.DepositId] = new RecordedCorrection(correction, (DepositState)reader.GetInt32(1));
            }

            return corrections;
        }
    }

    /// <summary>
    /// Gives corrections recorded before the clock was trusted (in this boot, not yet sent) their real time, and the
    /// voided deposit's time as it is now (it may have been corrected too). Run after the deposits' correction.
    /// </summary>
    public int CorrectUnsyncedTimes()
    {
        var now = time.GetUtcNow();
        var monotonicNow = monotonic.NowMilliseconds;
        lock (database.Gate)
        {
            using var transaction = database.BeginTransaction();
            var rows = new List<(long Id, long Mono, byte[] Json, long DepositT)>();
            using (var select = database.Command("""
                SELECT c.id, c.mono_ms, c.payload, d.t_ms FROM deposit_outbox c JOIN deposit_outbox d ON d.deposit_id = c.voids
                WHERE c.kind = 1 AND c.unsynced = 1 AND c.state = 0 AND c.boot_id = $boot;
                """, transaction))
            {
                select.Parameters.AddWithValue("$boot", boot.BootId);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetFieldValue<byte[]>(2), reader.GetInt64(3)));
                }
            }

            using var update = database.Command("UPDATE deposit_outbox SET t_ms = $t, payload = $payload, unsynced = 0 WHERE id = $id;", transaction);
            foreach (var (id, mono, json, depositT) in rows)
            {
                var corrected = JsonSerializer.Deserialize(json, WireJsonContext.Default.CorrectionMessage)! with
                {
                    T = WireTime.Truncate(now - TimeSpan.FromMilliseconds(monotonicNow - mono)),
                    DepositT = DateTimeOffset.FromUnixTimeMilliseconds(depositT),
                };
                update.Parameters.Clear();
                update.Parameters.AddWithValue("$t", corrected.T.ToUnixTimeMilliseconds());
                update.Parameters.AddWithValue("$payload", PayloadEncoder.Encode(corrected));
                update.Parameters.AddWithValue("$id", id);
                update.ExecuteNonQuery();
            }

            transaction.Commit();
            return rows.Count;
        }
    }
}
