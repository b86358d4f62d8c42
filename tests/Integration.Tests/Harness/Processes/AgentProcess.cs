using System.Globalization;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.Integration.Tests.Harness.Processes;

/// <summary>
/// The real <c>pontive-agent</c> as a child process on emulated hardware, with its own data folder that outlives
/// the process: kill it, start it again, and it is the same device with the same outbox.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    public AgentProcess(string folder, IDictionary<string, string?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        DataDirectory = Path.Combine(folder, "agent-data");
        Directory.CreateDirectory(DataDirectory);
        Settings = new Dictionary<string, string?>(settings, StringComparer.OrdinalIgnoreCase)
        {
            ["Agent:DataDirectory"] = DataDirectory,
        };
        Process = new ServiceProcess(ServiceProgram.Agent, "agent", Path.Combine(folder, "agent.log"));
    }

    public string DataDirectory { get; }

    /// <summary>The settings of the next start; change them between runs (the data folder stays).</summary>
    public IDictionary<string, string?> Settings { get; }

    public ServiceProcess Process { get; }

    /// <summary>The outbox database, for the test to read after (or while) the agent runs.</summary>
    public string DatabasePath => Path.Combine(DataDirectory, AgentDatabase.FileName);

    /// <summary>
    /// A device with <paramref name="sensors"/> emulated BME280s sampling every <paramref name="sensorInterval"/> and,
    /// when <paramref name="operatorInterval"/> is given, an emulated operator recording up to
    /// <paramref name="depositsPerRun"/> deposits per run of the process at that pace.
    /// </summary>
    public static Dictionary<string, string?> Device(
        string site,
        string device,
        int brokerPort,
        int sensors = 4,
        TimeSpan? sensorInterval = null,
        TimeSpan? operatorInterval = null,
        int depositsPerRun = 0)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Agent:Site"] = site,
            ["Agent:Device"] = device,
            ["Agent:StatusInterval"] = "00:00:05",
            ["Mqtt:Host"] = "127.0.0.1",
            ["Mqtt:Port"] = Invariant(brokerPort),
            // Back on its feet within a second of the broker's return, so a test waits for delivery, not for backoff.
            ["Mqtt:ReconnectDelay"] = "00:00:00.100",
            ["Mqtt:ReconnectDelayMax"] = "00:00:01",
            ["Mqtt:PublishTimeout"] = "00:00:10",
            // Unacknowledged deposits go again after 3 s (then 6, 12, …) instead of 5 minutes.
            ["Outbox:DepositAckTimeout"] = "00:00:03",
            ["Outbox:DepositResendMax"] = "00:00:12",
            ["Hardware:Mode"] = "Emulated",
            ["Clock:TrustSource"] = "Always",
        };

        // Four BME280s: the two addresses the chip can take, on two buses.
        for (var i = 0; i < sensors; i++)
        {
            settings[$"Sensors:{i}:Id"] = $"env-{i + 1}";
            settings[$"Sensors:{i}:Kind"] = "environment";
            settings[$"Sensors:{i}:Driver"] = "bme280";
            settings[$"Sensors:{i}:Bus"] = i < 2 ? "1" : "3";
            settings[$"Sensors:{i}:Address"] = i % 2 == 0 ? "0x76" : "0x77";
            settings[$"Sensors:{i}:Interval"] = (sensorInterval ?? TimeSpan.FromSeconds(1)).ToString("c", CultureInfo.InvariantCulture);
        }

        if (operatorInterval is { } pace)
        {
            settings["Emulation:Operator:Enabled"] = "true";
            settings["Emulation:Operator:Interval"] = pace.ToString("c", CultureInfo.InvariantCulture);
            settings["Emulation:Operator:MaxDeposits"] = Invariant(depositsPerRun);
        }

        return settings;
    }

    /// <summary>Starts the process and returns once its host has started (sensors and operator running).</summary>
    public async Task StartAsync()
    {
        var started = Process.WaitForOutputAsync(line => line.Contains(ProcessLogging.StartedLine, StringComparison.Ordinal));
        Process.Start(ProcessLogging.ToArguments(Settings));
        var first = await Task.WhenAny(started, Process.Exited).WaitAsync(IngestWaits.Patience).ConfigureAwait(false);
        if (first == Process.Exited)
        {
            throw new InvalidOperationException($"pontive-agent exited with code {Process.Exited.Result} at start:{Environment.NewLine}{Process.Tail(40)}");
        }
    }

    /// <summary>A clean stop (SIGTERM): the agent says "offline" and disconnects.</summary>
    public Task<int> StopAsync() => Process.StopAsync();

    /// <summary>SIGKILL: a power cut.</summary>
    public Task<int> KillAsync() => Process.KillAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
