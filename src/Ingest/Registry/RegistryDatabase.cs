using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

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
        KeepPrivate(FilePath);
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

    /// <summary>
    /// The password hashes are for Ingest's eyes only: the file is created 0600 before SQLite opens it (SQLite gives
    /// its -wal and -shm files the database's mode), and a file an older version left readable by others (the umask's
    /// 0644) is made 0600, its -wal and -shm too.
    /// </summary>
    private static void KeepPrivate(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            // OpenOrCreate: the service and a command may both be first.
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            return;
        }

        const UnixFileMode NotOwner = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            var mode = File.GetUnixFileMode(file);
            if ((mode & NotOwner) != 0)
            {
                File.SetUnixFileMode(file, mode & ~NotOwner);
            }
        }
    }

    internal Lock Gate { get; } = new();

    internal SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public void Dispose() => _connection.Dispose();
}
