namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// A server of the test's own, in its own temporary folder (config, data, log) on free loopback
/// ports, from the templates in scripts/servers/. Stop, kill and start it again mid-test: it comes
/// back on the same ports with the same folder, so its data stays. Disposing stops it and deletes
/// the folder.
/// </summary>
public abstract class PrivateServer : IAsyncDisposable
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);
    private const int LaunchAttempts = 3;

    private readonly ServerProcess process;

    private protected PrivateServer(string folder, ServerProcess process)
    {
        Folder = folder;
        this.process = process;
    }

    public string Folder { get; }

    public bool IsRunning => process.IsRunning;

    public string LogPath => process.LogPath;

    /// <summary>The server's process id while it runs.</summary>
    public int? ProcessId => process.ProcessId;

    /// <summary>Starts it (again, after a stop or a kill).</summary>
    /// <exception cref="ServerStartException">It did not come up; the message has its log.</exception>
    public Task StartAsync(CancellationToken cancellationToken = default) =>
        process.StartAsync(StartTimeout, cancellationToken);

    /// <summary>A clean stop: TERM, then KILL after <see cref="StopGrace"/>.</summary>
    public Task StopAsync() => process.StopAsync(StopGrace);

    /// <summary>SIGKILL: a crash, nothing saved.</summary>
    public Task KillAsync() => process.KillAsync();

    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync().ConfigureAwait(false);
        await StartAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Everything the server printed, every start so far.</summary>
    public string ReadLog() => process.ReadLog();

    public async ValueTask DisposeAsync()
    {
        await process.StopAsync(StopGrace).ConfigureAwait(false);
        process.Dispose();
        DeleteFolder(Folder);
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Creates a folder, lets <paramref name="create"/> pick ports and write the config there, and
    /// starts the server; on a port someone took meanwhile, again with a new folder and new ports.
    /// </summary>
    private protected static async Task<TServer> LaunchOnFreePortsAsync<TServer>(
        string kind, Func<string, TServer> create, CancellationToken cancellationToken)
        where TServer : PrivateServer
    {
        for (var attempt = 1; ; attempt++)
        {
            var folder = Directory.CreateTempSubdirectory($"pontive-{kind}-").FullName;
            TServer server;
            try
            {
                server = create(folder);
            }
            catch
            {
                DeleteFolder(folder);
                throw;
            }

            try
            {
                await server.StartAsync(cancellationToken).ConfigureAwait(false);
                return server;
            }
            catch (ServerStartException e) when (e.PortTaken && attempt < LaunchAttempts)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private protected static (int First, int Second) TwoFreePorts()
    {
        var first = FreePort.Next();
        var second = FreePort.Next();
        while (second == first)
        {
            second = FreePort.Next();
        }

        return (first, second);
    }

    private static void DeleteFolder(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
