using Microsoft.Data.Sqlite;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>One deposit as the device's ledger holds it.</summary>
public sealed record LedgerDeposit(string Id, long TimeMs, DepositState State, int Sends);

/// <summary>What identifies a sample in InfluxDB: its sensor and its time (Unix milliseconds).</summary>
public sealed record SampleKey(string Sensor, long TimeMs);

/// <summary>
/// The ground truth of a fault test: what the device itself recorded, read from its <c>agent.db</c> (read-only, so a
/// killed agent's file is read as the next start would find it, and a running agent is not disturbed). Every deposit
/// ever recorded stays in deposit_outbox; every sample ever taken is counted in telemetry_appended in the same
/// transaction that appended it.
/// </summary>
public sealed record AgentLedger(
    IReadOnlyList<LedgerDeposit> Deposits,
    long TelemetryTaken,
    long TelemetryDropped,
    IReadOnlyList<SampleKey> WaitingSamples,
    string IntegrityCheck)
{
    public static AgentLedger Empty { get; } = new([], 0, 0, [], "ok");

    /// <summary>Samples still in the outbox (taken, not yet confirmed by the broker).</summary>
    public long TelemetryWaiting => WaitingSamples.Count;

    /// <summary>Deposits not yet acknowledged by the city (waiting or sent).</summary>
    public int DepositsUnacknowledged => Deposits.Count(d => d.State is DepositState.Waiting or DepositState.Sent);

    public int DepositsStored => Deposits.Count(d => d.State == DepositState.Stored);

    /// <summary>Sends beyond the first of each deposit: how often the agent had to send one again for want of an acknowledgement.</summary>
    public long DepositResends => Deposits.Sum(d => Math.Max(0L, d.Sends - 1));

    /// <summary>Reads the ledger; <see cref="Empty"/> when the agent has not created its database yet.</summary>
    /// <param name="checkIntegrity">Also run SQLite's quick_check (<see cref="IntegrityCheck"/> is "ok" for a sound file).</param>
    public static AgentLedger Read(string databasePath, bool checkIntegrity = false)
    {
        if (!File.Exists(databasePath))
        {
            return Empty;
        }

        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = databasePath,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();

        // One read transaction: the counters and the rows are of the same moment even while the agent writes.
        using var transaction = connection.BeginTransaction();
        var deposits = new List<LedgerDeposit>();
        using (var select = Command(connection, transaction, "SELECT deposit_id, t_ms, state, sends FROM deposit_outbox ORDER BY id;"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                deposits.Add(new LedgerDeposit(reader.GetString(0), reader.GetInt64(1), (DepositState)reader.GetInt32(2), reader.GetInt32(3)));
            }
        }

        var counters = new Dictionary<string, long>(StringComparer.Ordinal);
        using (var select = Command(connection, transaction, "SELECT name, value FROM agent_counter;"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                counters[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var waiting = new List<SampleKey>();
        using (var select = Command(connection, transaction, "SELECT json_extract(sample, '$.sensor'), taken_at_ms FROM telemetry_outbox ORDER BY id;"))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read())
            {
                waiting.Add(new SampleKey(reader.GetString(0), reader.GetInt64(1)));
            }
        }

        var integrity = "not checked";
        if (checkIntegrity)
        {
            using var check = Command(connection, transaction, "PRAGMA quick_check;");
            integrity = check.ExecuteScalar() as string ?? "no answer";
        }

        return new AgentLedger(
            deposits,
            counters.GetValueOrDefault("telemetry_appended"),
            counters.GetValueOrDefault("telemetry_dropped"),
            waiting,
            integrity);
    }

    public override string ToString() =>
        $"{Deposits.Count} deposits ({DepositsStored} stored, {DepositsUnacknowledged} unacknowledged), "
        + $"telemetry taken {TelemetryTaken}, dropped {TelemetryDropped}, waiting {TelemetryWaiting}";

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }
}
