using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>
/// The agent's SQLite file (<c>agent.db</c> in the data folder): the telemetry and deposit outboxes and a few
/// counters. WAL journal with <c>synchronous = FULL</c>: a row is on the card before its insert returns, so a power
/// cut right after the operator pressed "Catat" loses nothing (an fsync per row costs milliseconds; readings come
/// seconds apart). One connection, used under <see cref="Gate"/>.
/// </summary>
public sealed class AgentDatabase : IDisposable
{
    public const string FileName = "agent.db";

    /// <summary>SQLite's "database or disk is full".</summary>
    public const int DiskFullErrorCode = 13;

    private const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;

    public AgentDatabase(IOptions<AgentOptions> options)
        : this(Path.Combine(options.Value.DataDirectory, FileName))
    {
    }

    public AgentDatabase(string path)
    {
        FilePath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;");
        Migrate();
    }

    public string FilePath { get; }

    /// <summary>Guards the connection: SQLite connections are not thread-safe.</summary>
    internal Lock Gate { get; } = new();

    internal SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    internal SqliteTransaction BeginTransaction() => _connection.BeginTransaction();

    /// <summary>Reads a counter (0 when it was never set). Call under <see cref="Gate"/>.</summary>
    internal long ReadCounter(string name, SqliteTransaction? transaction = null)
    {
        using var select = Command("SELECT value FROM agent_counter WHERE name = $name;", transaction);
        select.Parameters.AddWithValue("$name", name);
        return select.ExecuteScalar() is long value ? value : 0;
    }

    /// <summary>Adds to a counter and returns its new value. Call under <see cref="Gate"/>.</summary>
    internal long AddToCounter(string name, long amount, SqliteTransaction? transaction = null)
    {
        using var upsert = Command("""
            INSERT INTO agent_counter (name, value) VALUES ($name, $amount)
            ON CONFLICT (name) DO UPDATE SET value = value + $amount
            RETURNING value;
            """, transaction);
        upsert.Parameters.AddWithValue("$name", name);
        upsert.Parameters.AddWithValue("$amount", amount);
        return (long)upsert.ExecuteScalar()!;
    }

    /// <summary>Sets a counter. Call under <see cref="Gate"/>.</summary>
    internal void SetCounter(string name, long value, SqliteTransaction? transaction = null)
    {
        using var upsert = Command("""
            INSERT INTO agent_counter (name, value) VALUES ($name, $value)
            ON CONFLICT (name) DO UPDATE SET value = $value;
            """, transaction);
        upsert.Parameters.AddWithValue("$name", name);
        upsert.Parameters.AddWithValue("$value", value);
        upsert.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();

    internal static bool IsDiskFull(SqliteException ex) => ex.SqliteErrorCode == DiskFullErrorCode;

    /// <summary>Brings the file to the current schema one version at a time, so a device's existing data is kept.</summary>
    private void Migrate()
    {
        using var version = Command("PRAGMA user_version;");
        var current = (long)version.ExecuteScalar()!;
        if (current < 1)
        {
            CreateVersion1();
        }

        if (current < 2)
        {
            MigrateToVersion2();
        }

        if (current < 3)
        {
            MigrateToVersion3();
        }
    }

    private void CreateVersion1()
    {
        // unsynced/boot_id/mono_ms: a row taken before the clock was trusted, and where the monotonic clock stood,
        // so its time can be corrected once the clock is trusted (same boot only).
        Execute("""
            CREATE TABLE IF NOT EXISTS telemetry_outbox (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                taken_at_ms INTEGER NOT NULL,
                bytes       INTEGER NOT NULL,
                sample      BLOB    NOT NULL,
                unsynced    INTEGER NOT NULL DEFAULT 0,
                boot_id     TEXT    NOT NULL DEFAULT '',
                mono_ms     INTEGER NOT NULL DEFAULT 0);
            CREATE INDEX IF NOT EXISTS telemetry_outbox_taken ON telemetry_outbox (taken_at_ms);
            CREATE TABLE IF NOT EXISTS deposit_outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                deposit_id      TEXT    NOT NULL UNIQUE,
                t_ms            INTEGER NOT NULL,
                payload         BLOB    NOT NULL,
                state           INTEGER NOT NULL DEFAULT 0,
                unsynced        INTEGER NOT NULL DEFAULT 0,
                boot_id         TEXT    NOT NULL DEFAULT '',
                mono_ms         INTEGER NOT NULL DEFAULT 0,
                sends           INTEGER NOT NULL DEFAULT 0,
                next_send_at_ms INTEGER NOT NULL DEFAULT 0,
                stored_at_ms    INTEGER,
                refusal         TEXT);
            CREATE INDEX IF NOT EXISTS deposit_outbox_due ON deposit_outbox (state, next_send_at_ms);
            CREATE INDEX IF NOT EXISTS deposit_outbox_time ON deposit_outbox (t_ms);
            CREATE TABLE IF NOT EXISTS agent_counter (
                name  TEXT PRIMARY KEY,
                value INTEGER NOT NULL);
            PRAGMA user_version = 1;
            """);
    }

    /// <summary>
    /// Version 2, for the kiosk: the ledger also holds corrections (kind 1, with the id of the deposit they void; they
    /// travel and are acknowledged like deposits); settings received from the city (the price table); operators.
    /// </summary>
    private void MigrateToVersion2()
    {
        using var transaction = BeginTransaction();
        using var migrate = Command("""
            ALTER TABLE deposit_outbox ADD COLUMN kind INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE deposit_outbox ADD COLUMN voids TEXT;
            CREATE UNIQUE INDEX IF NOT EXISTS deposit_outbox_voids ON deposit_outbox (voids) WHERE voids IS NOT NULL;
            CREATE TABLE IF NOT EXISTS agent_setting (
                name        TEXT PRIMARY KEY,
                value       BLOB    NOT NULL,
                updated_ms  INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS operator_account (
                name             TEXT PRIMARY KEY,
                pin_hash         BLOB    NOT NULL,
                salt             BLOB    NOT NULL,
                iterations       INTEGER NOT NULL,
                created_ms       INTEGER NOT NULL,
                failed_attempts  INTEGER NOT NULL DEFAULT 0,
                locked_until_ms  INTEGER NOT NULL DEFAULT 0);
            PRAGMA user_version = 2;
            """, transaction);
        migrate.ExecuteNonQuery();
        transaction.Commit();
    }

    /// <summary>
    /// Version 3: the kiosk's request id for each deposit, so a Catat sent again after its answer was lost (Wi-Fi
    /// dropped on the phone) returns the deposit already recorded instead of recording the same bag twice.
    /// </summary>
    private void MigrateToVersion3()
    {
        using var transaction = BeginTransaction();
        using var migrate = Command("""
            ALTER TABLE deposit_outbox ADD COLUMN request_id TEXT;
            CREATE UNIQUE INDEX IF NOT EXISTS deposit_outbox_request ON deposit_outbox (request_id) WHERE request_id IS NOT NULL;
            PRAGMA user_version = 3;
            """, transaction);
        migrate.ExecuteNonQuery();
        transaction.Commit();
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}
