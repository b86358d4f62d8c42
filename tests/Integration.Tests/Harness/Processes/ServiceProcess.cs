using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Harness.Processes;

/// <summary>
/// A service run as a child process (<c>dotnet pontive-….dll --Section:Key=value …</c>), so a test can do to it what
/// happens to a real one: a clean stop (SIGTERM, as systemd stops it), a crash or power cut (SIGKILL), a start again.
/// Its stdout and stderr go to a log file, every run appended after the previous one's lines.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    public static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(15);

    /// <summary>128 + SIGKILL, what a killed child's exit code reads as.</summary>
    public const int KilledExitCode = 137;

    // Children outlive a test host that exits without disposing them; this kills them then.
    private static readonly ConcurrentDictionary<ServiceProcess, bool> Running = new();

    private readonly ServiceProgram _program;
    private readonly Lock _logLock = new();
    private readonly List<(Func<string, bool> Matches, TaskCompletionSource Seen)> _watches = [];
    private Process? _process;
    private StreamWriter? _log;
    private TaskCompletionSource<int> _exited = NewExit();

    static ServiceProcess() =>
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var child in Running.Keys)
            {
                child.KillNow();
            }
        };

    /// <param name="label">For the log and messages: "agent", "ingest".</param>
    public ServiceProcess(ServiceProgram program, string label, string logPath)
    {
        ArgumentNullException.ThrowIfNull(program);
        _program = program;
        Label = label;
        LogPath = logPath;
    }

    public string Label { get; }

    public string LogPath { get; }

    /// <summary>How many times it was started.</summary>
    public int Starts { get; private set; }

    public bool IsRunning => _process is { HasExited: false };

    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>Completes with the exit code when the current run ends, whoever ended it.</summary>
    public Task<int> Exited => _exited.Task;

    /// <summary>Launches it with <paramref name="arguments"/> (each passed as it is, no shell); returns once launched.</summary>
    public void Start(IReadOnlyList<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (IsRunning)
        {
            throw new InvalidOperationException($"{Label} is already running (pid {_process!.Id}).");
        }

        _process?.Dispose();
        _exited = NewExit();
        Starts++;
        OpenLog();
        Append($"==== {Label} start #{Starts}: {_program.Name} {string.Join(' ', arguments)}");

        var startInfo = new ProcessStartInfo(ServiceProgram.DotnetHost)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(LogPath)!,
        };
        startInfo.ArgumentList.Add(_program.AssemblyPath);
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var exited = _exited;
        process.OutputDataReceived += (_, line) => Append(line.Data);
        process.ErrorDataReceived += (_, line) => Append(line.Data);
        process.Exited += (_, _) => _ = ReportExitAsync(process, exited);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.StandardInput.Close();
        _process = process;
        Running[this] = true;
    }

    /// <summary>SIGTERM, as systemd stops a service; SIGKILL if it has not exited after <see cref="StopGrace"/>.</summary>
    /// <returns>The exit code.</returns>
    public async Task<int> StopAsync()
    {
        if (!IsRunning)
        {
            return _process is null ? 0 : await Exited.ConfigureAwait(false);
        }

        Append($"==== {Label}: SIGTERM");
        PosixSignal.Terminate(_process!.Id);
        try
        {
            return await Exited.WaitAsync(StopGrace).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Append($"==== {Label} ignored SIGTERM for {StopGrace.TotalSeconds:0} s: SIGKILL");
            return await KillAsync().ConfigureAwait(false);
        }
    }

    /// <summary>SIGKILL: a crash or a power cut; the service gets no chance to finish anything.</summary>
    /// <returns>The exit code (<see cref="KilledExitCode"/> unless it had already exited).</returns>
    public async Task<int> KillAsync()
    {
        if (_process is null)
        {
            return 0;
        }

        if (IsRunning)
        {
            Append($"==== {Label}: SIGKILL");
            KillNow();
        }

        return await Exited.ConfigureAwait(false);
    }

    /// <summary>Completes when a line of output, written from now on, matches.</summary>
    public Task WaitForOutputAsync(Func<string, bool> matches)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_logLock)
        {
            _watches.Add((matches, seen));
        }

        return seen.Task;
    }

    /// <summary>Everything it printed, every run so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>The last <paramref name="lines"/> lines of <see cref="ReadLog"/>.</summary>
    public string Tail(int lines) => string.Join(Environment.NewLine, ReadLog().Split('\n').TakeLast(lines));

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _process?.Dispose();
        _process = null;
        CloseLog();
    }

    private static TaskCompletionSource<int> NewExit() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task ReportExitAsync(Process process, TaskCompletionSource<int> exited)
    {
        // The parameterless wait also waits for the redirected output to reach the log.
        await process.WaitForExitAsync().ConfigureAwait(false);
        Running.TryRemove(this, out _);
        Append($"==== {Label} exited with code {process.ExitCode}");
        exited.TrySetResult(process.ExitCode);
    }

    private void KillNow()
    {
        try
        {
            if (_process is { HasExited: false })
            {
                // Process.Kill sends SIGKILL on Linux, to this one process only.
                _process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // It exited between the check and the kill.
        }
    }

    private void OpenLog()
    {
        lock (_logLock)
        {
            _log ??= new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), Encoding.UTF8)
            {
                AutoFlush = true,
            };
        }
    }

    private void CloseLog()
    {
        lock (_logLock)
        {
            _log?.Dispose();
            _log = null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        List<TaskCompletionSource>? seen = null;
        lock (_logLock)
        {
            _log?.WriteLine(line);
            for (var i = _watches.Count - 1; i >= 0; i--)
            {
                if (_watches[i].Matches(line))
                {
                    (seen ??= []).Add(_watches[i].Seen);
                    _watches.RemoveAt(i);
                }
            }
        }

        seen?.ForEach(s => s.TrySetResult());
    }
}
