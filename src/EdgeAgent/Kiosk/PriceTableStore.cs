using System.Text.Json;
using Microsoft.Data.Sqlite;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// The two price tables the device keeps in <c>agent_setting</c>, each as the <c>config</c> message it came in: the one
/// in force, and the one whose <c>effective_from</c> is still ahead. Both survive a restart: a table that waits for
/// its date must still take over after a power cut.
/// </summary>
internal sealed class PriceTableStore(AgentDatabase database)
{
    // The name the table in force has always had, so a device updated in the field keeps the table it holds.
    private const string InForceName = "config";
    private const string WaitingName = "config.waiting";

    public CachedPriceTable? LoadInForce() => Load(InForceName);

    public CachedPriceTable? LoadWaiting() => Load(WaitingName);

    /// <summary>Keeps <paramref name="config"/> as the table in force; a waiting table is dropped (the city's retained message is its latest word).</summary>
    public void SaveInForce(byte[] config, DateTimeOffset receivedAt)
    {
        lock (database.Gate)
        {
            using var transaction = database.BeginTransaction();
            Upsert(InForceName, config, receivedAt, transaction);
            Delete(WaitingName, transaction);
            transaction.Commit();
        }
    }

    /// <summary>Keeps <paramref name="config"/> as the table waiting for its date, in place of any other waiting one.</summary>
    public void SaveWaiting(byte[] config, DateTimeOffset receivedAt)
    {
        lock (database.Gate)
        {
            Upsert(WaitingName, config, receivedAt, transaction: null);
        }
    }

    /// <summary>The waiting table becomes the one in force, in one transaction.</summary>
    public void TakeOverWaiting()
    {
        lock (database.Gate)
        {
            using var transaction = database.BeginTransaction();
            using var copy = database.Command("""
                INSERT INTO agent_setting (name, value, updated_ms)
                SELECT $inForce, value, updated_ms FROM agent_setting WHERE name = $waiting
                ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms;
                """, transaction);
            copy.Parameters.AddWithValue("$inForce", InForceName);
            copy.Parameters.AddWithValue("$waiting", WaitingName);
            copy.ExecuteNonQuery();
            Delete(WaitingName, transaction);
            transaction.Commit();
        }
    }

    private void Upsert(string name, byte[] config, DateTimeOffset receivedAt, SqliteTransaction? transaction)
    {
        using var upsert = database.Command("""
            INSERT INTO agent_setting (name, value, updated_ms) VALUES ($name, $value, $now)
            ON CONFLICT (name) DO UPDATE SET value = $value, updated_ms = $now;
            """, transaction);
        upsert.Parameters.AddWithValue("$name", name);
        upsert.Parameters.AddWithValue("$value", config);
        upsert.Parameters.AddWithValue("$now", receivedAt.ToUnixTimeMilliseconds());
        upsert.ExecuteNonQuery();
    }

    private void Delete(string name, SqliteTransaction transaction)
    {
        using var delete = database.Command("DELETE FROM agent_setting WHERE name = $name;", transaction);
        delete.Parameters.AddWithValue("$name", name);
        delete.ExecuteNonQuery();
    }

    private CachedPriceTable? Load(string name)
    {
        lock (database.Gate)
        {
            using var select = database.Command("SELECT value, updated_ms FROM agent_setting WHERE name = $name;");
            select.Parameters.AddWithValue("$name", name);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            var config = JsonSerializer.Deserialize(reader.GetFieldValue<byte[]>(0), WireJsonContext.Default.ConfigMessage);
            return config?.PriceTable is { } table ? new CachedPriceTable(table, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1))) : null;
        }
    }
}
