using System.Diagnostics;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// One fault test's workspace: a folder for the child services' data and logs, the services themselves (stopped at
/// the end), and the counts it reports. A test that does not reach <see cref="PassedAsync"/> keeps its folder and
/// prints the tail of every log it watched, so a failure shows what the services said.
/// </summary>
public sealed class FaultScenario : IAsyncDisposable
{
    private const int TailLines = 80;

    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<Func<ValueTask>> _stops = [];
    private readonly List<PrivateServer> _servers = [];
    private readonly List<(string Label, Func<string> Read)> _logs = [];
    private bool _passed;

    public FaultScenario(string name, ITestOutputHelper output)
    {
        Name = name;
        _output = output;
        Folder = Directory.CreateTempSubdirectory($"pontive-fault-{name}-").FullName;
    }

    /// <summary>The scenario's name in the report.</summary>
    public string Name { get; }

    public string Folder { get; }

    public AgentProcess Agent(IDictionary<string, string?> settings)
    {
        var agent = new AgentProcess(Folder, settings);
        _stops.Add(agent.DisposeAsync);
        _logs.Add(("pontive-agent", agent.Process.ReadLog));
        return agent;
    }

    public IngestProcess Ingest(IngestProcess ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        _stops.Add(ingest.DisposeAsync);
        _logs.Add(("pontive-ingest", ingest.Process.ReadLog));
        return ingest;
    }

    /// <summary>A private server of this test: its log is printed if the test fails, and it is disposed at the end, after the services.</summary>
    public TServer Own<TServer>(string label, TServer server)
        where TServer : PrivateServer
    {
        ArgumentNullException.ThrowIfNull(server);
        _servers.Add(server);
        _logs.Add((label, server.ReadLog));
        return server;
    }

    public void Say(string line)
    {
        try
        {
            _output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test is over.
        }
    }

    /// <summary>Prints one line per kind and appends them to <see cref="FaultReport"/>, with how often deposits were sent again.</summary>
    public void Report(string note, FaultOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var fullNote = $"{note}; deposits sent again for want of an ack: {outcome.Ledger.DepositResends}"
            + (outcome.Recounts.Count > 0 ? $"; {string.Join("; ", outcome.Recounts)}" : string.Empty);
        foreach (var count in new[] { outcome.Deposits, outcome.Telemetry })
        {
            Say($"[{Name}] {count}");
        }

        Say($"[{Name}] {fullNote}");
        FaultReport.Append(Name, _clock.Elapsed, fullNote, outcome.Deposits, outcome.Telemetry);
    }

    /// <summary>The test reached its end: its folder and logs can go.</summary>
    public void Passed() => _passed = true;

    public async ValueTask DisposeAsync()
    {
        // Services first (the last started stops first), so nothing writes into the folder while it is removed.
        for (var i = _stops.Count - 1; i >= 0; i--)
        {
            await _stops[i]().ConfigureAwait(false);
        }

        if (!_passed)
        {
            PrintLogs();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        if (_passed)
        {
            Directory.Delete(Folder, recursive: true);
        }
        else
        {
            Say($"==== {Name}: the services' data and logs are kept in {Folder}");
        }
    }

    private void PrintLogs()
    {
        foreach (var (label, read) in _logs)
        {
            string log;
            try
            {
                log = read();
            }
            catch (IOException ex)
            {
                log = $"(unreadable: {ex.Message})";
            }

            var lines = log.Split('\n');
            Say($"==== last {Math.Min(TailLines, lines.Length)} of {lines.Length} lines of {label}'s log:");
            Say(string.Join('\n', lines.TakeLast(TailLines)));
        }
    }
}
