namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// A private Mosquitto 2.0 broker on 127.0.0.1 with persistence in its folder, from
/// scripts/servers/mosquitto.conf.template. Sessions and queued messages survive <see cref="PrivateServer.StopAsync"/>
/// (Mosquitto saves on TERM), not <see cref="PrivateServer.KillAsync"/>.
/// </summary>
public sealed class MosquittoServer : PrivateServer
{
    private MosquittoServer(string folder, int port)
        : base(folder, CreateProcess(folder, port))
    {
        Port = port;
    }

    public static string Host => "127.0.0.1";

    public int Port { get; }

    public static Task<MosquittoServer> LaunchAsync(CancellationToken cancellationToken = default) =>
        LaunchOnFreePortsAsync("mosquitto", folder => new MosquittoServer(folder, FreePort.Next()), cancellationToken);

    private static ServerProcess CreateProcess(string folder, int port)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        ServerTemplate.Render("mosquitto.conf.template", config, new Dictionary<string, string>
        {
            ["DIR"] = folder,
            ["PORT"] = $"{port}",
            ["USER"] = Environment.UserName,
        });
        return new ServerProcess(
            "mosquitto",
            ServerExecutable.Find("mosquitto", "mosquitto"),
            ["-c", config],
            Path.Combine(folder, "mosquitto.log"),
            port,
            ReadinessProbes.TcpPortOpenAsync);
    }
}
