using System.Diagnostics;

namespace Pontive.Iot.Integration.Tests.Deploy;

internal sealed record ShellResult(int ExitCode, string Output, string Error)
{
    public string Both => Output + Error;
}

/// <summary>Runs the deploy scripts and the tools that check them (bash, shellcheck, systemd-analyze).</summary>
internal static class Shell
{
    // A bound on a hang only: every script here finishes in well under a second.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(1);

    public static bool Has(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(folder => File.Exists(Path.Combine(folder, tool)));

    public static async Task<ShellResult> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The scripts' own decisions must not depend on where the tests run.
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {Patience}.");
        }

        return new ShellResult(process.ExitCode, await output, await error);
    }
}
