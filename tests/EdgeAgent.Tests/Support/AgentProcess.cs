using System.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>
/// Runs the built <c>pontive-agent</c> (copied beside the test assembly with its runtimeconfig and deps) as a user
/// would, with <c>dotnet pontive-agent.dll …</c>, and collects its exit code and output. Only for commands that end
/// on their own, such as a start refused for bad settings.
/// </summary>
internal static class AgentProcess
{
    public static string AssemblyPath { get; } = Path.Combine(AppContext.BaseDirectory, "pontive-agent.dll");

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        Assert.True(File.Exists(AssemblyPath), $"pontive-agent.dll is not beside the tests in {AppContext.BaseDirectory}");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The agent reads DOTNET_/Section__Name variables: none of the test runner's may leak into its settings.
        foreach (var name in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pontive-agent {string.Join(' ', arguments)} did not end within a minute (it should have refused to start).");
        }

        return (process.ExitCode, await output, await errors);
    }
}
