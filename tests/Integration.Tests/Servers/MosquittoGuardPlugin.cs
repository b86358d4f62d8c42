using Pontive.Iot.Integration.Tests.Dashboard;
using Pontive.Iot.Integration.Tests.Deploy;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// Mosquitto's guard plugin (deploy/city/mosquitto/pontive-guard.c), built once per test run with the same script
/// the city server's administrator runs (build-guard.sh), so the secured brokers load what production loads.
/// scripts/test.sh installs the compiler and Mosquitto's headers when they are missing.
/// </summary>
public static class MosquittoGuardPlugin
{
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    /// <summary>The built plugin's full path.</summary>
    public static Task<string> PathAsync() => Built.Value;

    private static async Task<string> BuildAsync()
    {
        var folder = Directory.CreateTempSubdirectory("pontive-guard-").FullName;
        var plugin = Path.Combine(folder, "pontive-guard.so");
        var script = Path.Combine(RepositoryRoot.Path, "deploy", "city", "mosquitto", "build-guard.sh");
        var result = await Shell.RunAsync("bash", script, plugin).ConfigureAwait(false);
        return result.ExitCode == 0 && File.Exists(plugin)
            ? plugin
            : throw new InvalidOperationException($"build-guard.sh failed ({result.ExitCode}): {result.Both}");
    }
}
