namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// A private Mosquitto 2.0 broker on 127.0.0.1 with persistence in its folder, from
/// scripts/servers/mosquitto.conf.template. Sessions and queued messages survive <see cref="PrivateServer.StopAsync"/>
/// (Mosquitto saves on TERM), not <see cref="PrivateServer.KillAsync"/>. <see cref="LaunchSecureAsync"/> starts one
/// with the city's security instead (scripts/servers/mosquitto-secure.conf.template): accounts, ACL and a TLS listener.
/// </summary>
public sealed class MosquittoServer : PrivateServer
{
    private const string ReloadedLine = "Reloading config.";

    private MosquittoServer(string folder, int port)
        : base(folder, CreateProcess(folder, port))
    {
        Port = port;
    }

    private MosquittoServer(string folder, int port, int tlsPort, string securityDirectory, string guardPlugin)
        : base(folder, CreateSecureProcess(folder, port, tlsPort, securityDirectory, guardPlugin))
    {
        Port = port;
        TlsPort = tlsPort;
    }

    public static string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The TLS listener's port (on 127.0.0.1), for a broker from <see cref="LaunchSecureAsync"/>.</summary>
    public int? TlsPort { get; }

    public static Task<MosquittoServer> LaunchAsync(CancellationToken cancellationToken = default) =>
        LaunchOnFreePortsAsync("mosquitto", folder => new MosquittoServer(folder, FreePort.Next()), cancellationToken);

    /// <summary>
    /// A broker that takes only the accounts in <paramref name="securityDirectory"/>'s password_file and acl_file
    /// (<c>pontive-ingest devices export-mosquitto</c>), on a loopback plain port and a TLS port with its ca.crt,
    /// server.crt and server.key, and the guard plugin that reports refused device publishes to Ingest.
    /// </summary>
    public static async Task<MosquittoServer> LaunchSecureAsync(string securityDirectory, CancellationToken cancellationToken = default)
    {
        var guardPlugin = await MosquittoGuardPlugin.PathAsync().ConfigureAwait(false);
        return await LaunchOnFreePortsAsync(
            "mosquitto-secure",
            folder =>
            {
                var (plain, tls) = TwoFreePorts();
                return new MosquittoServer(folder, plain, tls, securityDirectory, guardPlugin);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// SIGHUP, then waits until Mosquitto logged that it reloads. Its main loop reloads the files (and drops the
    /// clients whose account is gone) before it handles any other event, so a connection made after this sees the new files.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var before = CountReloads();
        PosixSignal.Hangup(ProcessId ?? throw new InvalidOperationException("Mosquitto is not running."));
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(StartTimeout);
        while (CountReloads() == before)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), patience.Token).ConfigureAwait(false);
        }
    }

    private int CountReloads()
    {
        var log = ReadLog();
        var count = 0;
        for (var at = log.IndexOf(ReloadedLine, StringComparison.Ordinal); at >= 0; at = log.IndexOf(ReloadedLine, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static ServerProcess CreateSecureProcess(string folder, int port, int tlsPort, string securityDirectory, string guardPlugin)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        ServerTemplate.Render("mosquitto-secure.conf.template", config, new Dictionary<string, string>
        {
            ["DIR"] = folder,
            ["PORT"] = $"{port}",
            ["TLS_ADDRESS"] = "127.0.0.1",
            ["TLS_PORT"] = $"{tlsPort}",
            ["SECURITY_DIR"] = securityDirectory,
            ["GUARD_PLUGIN"] = guardPlugin,
            ["USER"] = Environment.UserName,
        });
        return Process(folder, config, port);
    }

    private static ServerProcess CreateProcess(string folder, int port)
    {
        var config = Path.Combine(folder, "mosquitto.conf");
        ServerTemplate.Render("mosquitto.conf.template", config, new Dictionary<string, string>
        {
            ["DIR"] = folder,
            ["PORT"] = $"{port}",
            ["USER"] = Environment.UserName,
        });
        return Process(folder, config, port);
    }

    private static ServerProcess Process(string folder, string config, int port) => new(
        "mosquitto",
        ServerExecutable.Find("mosquitto", "mosquitto"),
        ["-c", config],
        Path.Combine(folder, "mosquitto.log"),
        port,
        ReadinessProbes.TcpPortOpenAsync);
}
