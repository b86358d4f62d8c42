namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// A private nginx on 127.0.0.1 that takes InfluxDB 2.x writes (/api/v2/write?bucket=&amp;precision=)
/// for an InfluxDB 1.x, which has no such endpoint; everything else passes through. From
/// scripts/servers/nginx.conf.template.
/// </summary>
public sealed class NginxInfluxV2Proxy : PrivateServer
{
    private NginxInfluxV2Proxy(string folder, int port, int influxDbPort)
        : base(folder, CreateProcess(folder, port, influxDbPort))
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>Give this to InfluxDB.Client as the server URL; the bucket is the 1.x database.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}");

    public static Task<NginxInfluxV2Proxy> LaunchAsync(int influxDbPort, CancellationToken cancellationToken = default) =>
        LaunchOnFreePortsAsync("nginx", folder => new NginxInfluxV2Proxy(folder, FreePort.Next(), influxDbPort), cancellationToken);

    private static ServerProcess CreateProcess(string folder, int port, int influxDbPort)
    {
        var config = Path.Combine(folder, "nginx.conf");
        ServerTemplate.Render("nginx.conf.template", config, new Dictionary<string, string>
        {
            ["DIR"] = folder,
            ["PORT"] = $"{port}",
            ["INFLUX_PORT"] = $"{influxDbPort}",
        });
        return new ServerProcess(
            "nginx",
            ServerExecutable.Find("nginx", "nginx-light"),
            // -e: errors from before the config is read go to stderr (our log), not /var/log/nginx.
            ["-p", folder + "/", "-c", config, "-e", "stderr"],
            Path.Combine(folder, "nginx.log"),
            port,
            ReadinessProbes.TcpPortOpenAsync);
    }
}
