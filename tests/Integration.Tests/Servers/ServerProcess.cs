using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// One server executable run in the foreground, its stdout and stderr appended to a log file.
/// Start waits until the process holds its listening port and answers a probe; stop sends TERM and
/// KILLs after a grace period; kill is an immediate SIGKILL (a crash, for fault tests).
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private const int LogTailLines = 40;
    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(50);

    // Servers outlive a test host that exits without disposing its fixtures; this kills them then.
    private static readonly ConcurrentDictionary<ServerProcess, bool> Running = new();

    private readonly string name;
    private readonly string executable;
    private readonly IReadOnlyList<string> arguments;
    private readonly int port;
    private readonly Func<int, CancellationToken, Task<bool>> answers;
    private readonly Lock logLock = new();
    private Process? process;
    private StreamWriter? log;

    static ServerProcess() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var server in Running.Keys)
            {
                server.KillNow();
            }
        };

    /// <param name="name">For messages and the log: "influxd", "mosquitto", "nginx".</param>
    /// <param name="executable">Full path, see <see cref="ServerExecutable"/>.</param>
    /// <param name="arguments">Command-line arguments, each as it is (no shell).</param>
    /// <param name="logPath">Appended to at every start, so a restart's lines follow the first run's.</param>
    /// <param name="port">The loopback port the server listens on.</param>
    /// <param name="answers">True once the server serves requests on the port.</param>
    public ServerProcess(
        string name,
        string executable,
        IReadOnlyList<string> arguments,
        string logPath,
        int port,
        Func<int, CancellationToken, Task<bool>> answers)
    {
        this.name = name;
        this.executable = executable;
        this.arguments = arguments;
        LogPath = logPath;
        this.port = port;
        this.answers = answers;
    }

    public string LogPath { get; }

    public bool IsRunning => process is { HasExited: false };

    public int? ProcessId => IsRunning ? process!.Id : null;

    /// <exception cref="ServerStartException">It exited, or did not answer within <paramref name="timeout"/>.</exception>
    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException($"{name} is already running (pid {process!.Id}).");
        }

        process?.Dispose();
        var logStart = File.Exists(LogPath) ? new FileInfo(LogPath).Length : 0;
        OpenLog();
        AppendToLog($"==== {name} started by {nameof(ServerProcess)}");
        process = Launch();
        Running[this] = true;

        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                // Waits for the last output lines to reach the log too.
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
                Forget();
                var output = ReadLog(logStart);
                throw new ServerStartException(
                    $"{name} exited with code {process.ExitCode} before it answered on 127.0.0.1:{port}.{LogTail(output)}")
                {
                    PortTaken = output.Contains("address already in use", StringComparison.OrdinalIgnoreCase),
                };
            }

            if (ListeningSockets.IsHeldBy(port, process.Id) && await answers(port, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            if (clock.Elapsed > timeout)
            {
                await KillAsync().ConfigureAwait(false);
                throw new ServerStartException(
                    $"{name} did not answer on 127.0.0.1:{port} within {timeout.TotalSeconds:0} s.{LogTail(ReadLog(logStart))}");
            }

            await Task.Delay(ProbeInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>TERM, then KILL when it has not exited after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (process is null || process.HasExited)
        {
            Forget();
            return;
        }

        PosixSignal.Terminate(process.Id);
        using var patience = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            AppendToLog($"==== {name} ignored TERM for {grace.TotalSeconds:0} s: killed");
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        Forget();
    }

    /// <summary>SIGKILL, as a crash or a power cut would: the server saves nothing.</summary>
    public async Task KillAsync()
    {
        if (process is not null && !process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        Forget();
    }

    /// <summary>The whole log, every start so far.</summary>
    public string ReadLog() => ReadLog(0);

    public void Dispose()
    {
        KillNow();
        process?.Dispose();
        process = null;
    }

    private Process Launch()
    {
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // influxd lets INFLUXDB_* variables override its config file: ours must win.
        foreach (var variable in startInfo.Environment.Keys.Where(key => key.StartsWith("INFLUXDB_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(variable);
        }

        var started = new Process { StartInfo = startInfo };
        started.OutputDataReceived += (_, line) => AppendToLog(line.Data);
        started.ErrorDataReceived += (_, line) => AppendToLog(line.Data);
        started.Start();
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        started.StandardInput.Close();
        return started;
    }

    private void KillNow()
    {
        try
        {
            if (process is { HasExited: false })
            {
                process.Kill();
                process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }

        Forget();
    }

    private void Forget()
    {
        Running.TryRemove(this, out _);
        lock (logLock)
        {
            log?.Dispose();
            log = null;
        }
    }

    private void OpenLog()
    {
        lock (logLock)
        {
            log = new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8)
            {
                AutoFlush = true,
            };
        }
    }

    private void AppendToLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            log?.WriteLine(line);
        }
    }

    private string ReadLog(long from)
    {
        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(Math.Min(from, stream.Length), SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private string LogTail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return $"{Environment.NewLine}Last lines of {LogPath}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, lines.TakeLast(LogTailLines));
    }
}
