using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Registry;

/// <summary>
/// Ingest's own small database (<c>registry.db</c> in the data folder): the devices it has heard from, the price
/// table of each waste-bank site, and the broker accounts (hashed passwords) devices sign in with. One connection,
/// used under a lock.
/// </summary>
public sealed class RegistryDatabase : IDisposable
{
    public const string FileName = "registry.db";

    private readonly SqliteConnection _connection;

    public RegistryDatabase(IOptions<IngestOptions> options)
        : this(Path.Combine(options.Value.DataDirectory, FileName))
    {
    }

    public RegistryDatabase(string path)
    {
        FilePath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        // The password hashes are for Ingest's eyes only.
        PrivateFiles.PrepareDatabase(FilePath);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        _connection.Open();
        using var schema = _connection.CreateCommand();
        schema.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS device (
                site          TEXT    NOT NULL,
                device        TEXT    NOT NULL,
                first_seen_ms INTEGER NOT NULL,
                last_seen_ms  INTEGER NOT NULL,
                last_state    TEXT,
                PRIMARY KEY (site, device));
            CREATE TABLE IF NOT EXISTS site_config (
                site       TEXT PRIMARY KEY,
                config     BLOB    NOT NULL,
                updated_ms INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS broker_account (
                username      TEXT    PRIMARY KEY,
                site          TEXT,
                device        TEXT,
                password_hash TEXT    NOT NULL,
                issued_ms     INTEGER NOT NULL,
                revoked_ms    INTEGER);
            """;
        schema.ExecuteNonQuery();
    }

    public string FilePath { get; }

    internal Lock Gate { get; } = new();

    internal SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Dispose() => _connection.Dispose();
}
