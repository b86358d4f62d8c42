using System.Globalization;
using System.Net;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Harness.Processes;

/// <summary>
/// The real <c>pontive-ingest</c> as a child process on fixed loopback ports (HTTP and, embedded, MQTT), so a start
/// after a kill comes back where the devices and the test expect it, with the same data folder.
/// </summary>
public sealed class IngestProcess : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private IngestProcess(string folder, Dictionary<string, string?> settings, int httpPort, int brokerPort)
    {
        HttpPort = httpPort;
        BrokerPort = brokerPort;
        Settings = settings;
        Settings["Urls"] = $"http://127.0.0.1:{httpPort}";
        Settings["Ingest:DataDirectory"] = Path.Combine(folder, "ingest-data");
        Process = new ServiceProcess(ServiceProgram.Ingest, "ingest", Path.Combine(folder, "ingest.log"));
    }

    public int HttpPort { get; }

    /// <summary>The embedded broker's port, or the external broker's.</summary>
    public int BrokerPort { get; }

    /// <summary>The settings of the next start; change them between runs (for example to drop a fault).</summary>
    public IDictionary<string, string?> Settings { get; }

    public ServiceProcess Process { get; }

    public Uri HealthUrl => new($"http://127.0.0.1:{HttpPort}/health");

    /// <summary>Ingest with its own embedded broker on a free port.</summary>
    public static IngestProcess WithEmbeddedBroker(string folder, Uri influxDbUrl, string database)
    {
        var brokerPort = FreePort.Next();
        return new(folder, Common(influxDbUrl, database, new()
        {
            ["Broker:Mode"] = "Embedded",
            ["Broker:BindAddress"] = "127.0.0.1",
            ["Broker:Port"] = Invariant(brokerPort),
        }), FreePort.Next(), brokerPort);
    }

    /// <summary>
    /// Ingest as a client of an external broker, under a fixed client id with an hour-long session: the broker keeps
    /// what arrives for Ingest while it is away, and delivers again what Ingest had not acknowledged.
    /// </summary>
    public static IngestProcess WithExternalBroker(string folder, int brokerPort, string clientId, Uri influxDbUrl, string database) =>
        new(folder, Common(influxDbUrl, database, new()
        {
            ["Broker:Mode"] = "External",
            ["Broker:Host"] = MosquittoServer.Host,
            ["Broker:Port"] = Invariant(brokerPort),
            ["Broker:ClientId"] = clientId,
            ["Broker:SessionExpiry"] = "01:00:00",
            ["Broker:ReconnectDelayMax"] = "00:00:01",
        }), FreePort.Next(), brokerPort);

    /// <summary>
    /// Starts the process and returns once it serves: its host started (hosted services and Kestrel), /health answers
    /// (with any status: InfluxDB may be down on purpose) and, embedded, the broker port is this process's.
    /// </summary>
    public async Task StartAsync()
    {
        var started = Process.WaitForOutputAsync(line => line.Contains(ProcessLogging.StartedLine, StringComparison.Ordinal));
        Process.Start(ProcessLogging.ToArguments(Settings));
        var first = await Task.WhenAny(started, Process.Exited).WaitAsync(IngestWaits.Patience).ConfigureAwait(false);
        if (first == Process.Exited)
        {
            throw new InvalidOperationException($"pontive-ingest exited with code {Process.Exited.Result} at start:{Environment.NewLine}{Process.Tail(40)}");
        }

        // Both ports must be this process's own: after a kill, something else on the machine may have taken one.
        var ports = IsEmbedded ? new[] { HttpPort, BrokerPort } : [HttpPort];
        await Polling.UntilAsync(
            () => Process.ProcessId is { } pid
                ? ports.All(port => ListeningSockets.IsHeldBy(port, pid))
                : throw new InvalidOperationException($"pontive-ingest exited after it started:{Environment.NewLine}{Process.Tail(40)}"),
            () => $"pontive-ingest (running: {Process.IsRunning}) does not hold all of ports {string.Join(", ", ports)}:{Environment.NewLine}{Process.Tail(40)}",
            "pontive-ingest to listen on its ports").ConfigureAwait(false);
        _ = await HealthAsync().ConfigureAwait(false);
    }

    /// <summary>GET /health: 200 when the broker side is up and InfluxDB takes writes, 503 otherwise.</summary>
    public async Task<HttpStatusCode> HealthAsync()
    {
        using var response = await Http.GetAsync(HealthUrl).ConfigureAwait(false);
        return response.StatusCode;
    }

    public Task<int> StopAsync() => Process.StopAsync();

    public Task<int> KillAsync() => Process.KillAsync();

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private bool IsEmbedded => string.Equals(Settings["Broker:Mode"], "Embedded", StringComparison.Ordinal);

    private static Dictionary<string, string?> Common(Uri influxDbUrl, string database, Dictionary<string, string?> broker)
    {
        var settings = new Dictionary<string, string?>(broker, StringComparer.OrdinalIgnoreCase)
        {
            ["InfluxDb:Url"] = influxDbUrl.ToString(),
            ["InfluxDb:Database"] = database,
            ["Ingest:RetryDelay"] = "00:00:00.100",
            ["Ingest:RetryDelayMax"] = "00:00:01",
        };
        return settings;
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
