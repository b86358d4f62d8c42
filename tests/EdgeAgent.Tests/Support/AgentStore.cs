using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>
/// The agent's SQLite file in a temporary folder with both outboxes over it, wired as the agent wires them, and
/// reopened as after a restart (same boot) or a reboot (a new boot id). It can also make the storage full.
/// </summary>
internal sealed class AgentStore : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public AgentStore(DeviceClock? clock = null, OutboxOptions? options = null, string bootId = "boot-1")
    {
        Clock = clock ?? new DeviceClock();
        Options = options ?? new OutboxOptions();
        Open(bootId);
    }

    public DeviceClock Clock { get; }

    public OutboxOptions Options { get; }

    public string FilePath => Path.Combine(_folder.Path, AgentDatabase.FileName);

    public BootSession Boot { get; private set; } = null!;

    public AgentDatabase Database { get; private set; } = null!;

    public TelemetryOutbox Telemetry { get; private set; } = null!;

    public DepositOutbox Deposits { get; private set; } = null!;

    public CorrectionOutbox Corrections { get; private set; } = null!;

    /// <summary>Closes the file and opens it again, as the agent does when it restarts (or, with another boot id, after a reboot).</summary>
    public void Reopen(string? bootId = null)
    {
        Database.Dispose();
        Open(bootId ?? Boot.BootId);
    }

    /// <summary>The card is full: the file may not grow by a single page (SQLite then fails writes with SQLITE_FULL).</summary>
    public void FillStorage()
    {
        lock (Database.Gate)
        {
            using var pages = Database.Command("PRAGMA page_count;");
            var count = (long)pages.ExecuteScalar()!;
            using var limit = Database.Command($"PRAGMA max_page_count = {count};");
            limit.ExecuteScalar();
        }
    }

    /// <summary>Room on the card again.</summary>
    public void FreeStorage()
    {
        lock (Database.Gate)
        {
            using var limit = Database.Command("PRAGMA max_page_count = 1073741823;");
            limit.ExecuteScalar();
        }
    }

    /// <summary>Rows in the telemetry outbox, counted by SQLite itself (not by the outbox's own totals).</summary>
    public (long Rows, long Bytes) CountTelemetryRows()
    {
        lock (Database.Gate)
        {
            using var count = Database.Command("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM telemetry_outbox;");
            using var reader = count.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    public void Dispose()
    {
        Database.Dispose();
        _folder.Dispose();
    }

    private void Open(string bootId)
    {
        Boot = new BootSession(bootId);
        Database = new AgentDatabase(FilePath);
        var monotonic = new MonotonicClock(Clock);
        var options = Microsoft.Extensions.Options.Options.Create(Options);
        Telemetry = new TelemetryOutbox(Database, Clock, monotonic, Boot, options);
        Deposits = new DepositOutbox(Database, Clock, monotonic, Boot, options);
        Corrections = new CorrectionOutbox(Database, Deposits, Clock, monotonic, Boot);
    }
}
