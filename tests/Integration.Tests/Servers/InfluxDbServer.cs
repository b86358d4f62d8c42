namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>A private InfluxDB 1.x (influxd) on 127.0.0.1, from scripts/servers/influxdb.conf.template.</summary>
public sealed class InfluxDbServer : PrivateServer
{
    private InfluxDbServer(string folder, int httpPort, int rpcPort)
        : base(folder, CreateProcess(folder, httpPort, rpcPort))
    {
        HttpPort = httpPort;
    }

    public int HttpPort { get; }

    /// <summary>The 1.x HTTP API: /write, /query, /ping.</summary>
    public Uri Url => new($"http://127.0.0.1:{HttpPort}");

    public static Task<InfluxDbServer> LaunchAsync(CancellationToken cancellationToken = default) =>
        LaunchOnFreePortsAsync(
            "influxdb",
            folder =>
            {
                var (httpPort, rpcPort) = TwoFreePorts();
                return new InfluxDbServer(folder, httpPort, rpcPort);
            },
            cancellationToken);

    /// <summary>The influxd process for a private server in <paramref name="folder"/>; with authentication on when asked (users needed).</summary>
    internal static ServerProcess CreateProcess(string folder, int httpPort, int rpcPort, bool authentication = false)
    {
        var config = Path.Combine(folder, "influxdb.conf");
        ServerTemplate.Render("influxdb.conf.template", config, new Dictionary<string, string>
        {
            ["DIR"] = folder,
            ["HTTP_PORT"] = $"{httpPort}",
            ["RPC_PORT"] = $"{rpcPort}",
            ["CONTINUOUS_QUERIES"] = "false", // tests backfill the roll-ups themselves
        });
        if (authentication)
        {
            var text = File.ReadAllText(config);
            Assert.Contains("auth-enabled = false", text, StringComparison.Ordinal);
            File.WriteAllText(config, text.Replace("auth-enabled = false", "auth-enabled = true", StringComparison.Ordinal));
        }

        return new ServerProcess(
            "influxd",
            ServerExecutable.Find("influxd", "influxdb"),
            ["-config", config],
            Path.Combine(folder, "influxd.log"),
            httpPort,
            ReadinessProbes.InfluxDbPingAsync);
    }
}
