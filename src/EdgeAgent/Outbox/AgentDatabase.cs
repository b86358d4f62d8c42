using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>
/// The agent's SQLite file (<c>agent.db</c> in the data folder), in WAL mode so a power cut loses at most the
/// transaction being written and never corrupts what was committed. One connection, used under a lock.
/// </summary>
public sealed class AgentDatabase : IDisposable
{
    public const string FileName = "agent.db";

    private readonly SqliteConnection _connection;

    public AgentDatabase(IOptions<AgentOptions> options)
        : this(Path.Combine(options.Value.DataDirectory, FileName))
    {
    }

    public AgentDatabase(string path)
    {
        FilePath = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = FilePath, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode = WAL;
            PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS telemetry_outbox (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                taken_at_ms INTEGER NOT NULL,
                bytes       INTEGER NOT NULL,
                sample      BLOB    NOT NULL);
            CREATE TABLE IF NOT EXISTS agent_counter (
                name  TEXT PRIMARY KEY,
                value INTEGER NOT NULL);
            """);
    }

    public string FilePath { get; }

    /// <summary>Guards the connection: SQLite connections are not thread-safe.</summary>
    internal Lock Gate { get; } = new();

    internal SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    internal SqliteTransaction BeginTransaction() => _connection.BeginTransaction();

    public void Dispose() => _connection.Dispose();

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }
}
