namespace Pontive.Iot.Integration.Tests.Harness.Processes;

/// <summary>
/// One of the two services as a program to launch: <c>dotnet pontive-agent.dll</c> or <c>dotnet pontive-ingest.dll</c>,
/// from the test's own output folder. This project references both exe projects, and the SDK copies each one's
/// assembly, <c>.runtimeconfig.json</c> and <c>.deps.json</c> next to the test assembly, so the build that built the
/// tests also built what the fault tests run: no separate publish step that could go stale.
/// </summary>
/// <remarks>
/// Both services read <c>appsettings.json</c> beside the program, and in this shared folder only one of the two
/// projects' files can be there (Ingest's wins). So every setting a test relies on is passed on the command line,
/// which overrides appsettings.json in both services.
/// </remarks>
public sealed class ServiceProgram
{
    private ServiceProgram(string name, string assemblyPath)
    {
        Name = name;
        AssemblyPath = assemblyPath;
    }

    public static ServiceProgram Agent { get; } = Find("pontive-agent");

    public static ServiceProgram Ingest { get; } = Find("pontive-ingest");

    /// <summary>pontive-agent or pontive-ingest.</summary>
    public string Name { get; }

    public string AssemblyPath { get; }

    /// <summary>
    /// The dotnet host: the one the SDK runs under (DOTNET_HOST_PATH, which dotnet test sets), else the one running
    /// this test host, else <c>dotnet</c> on PATH.
    /// </summary>
    public static string DotnetHost
    {
        get
        {
            var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            {
                return fromSdk;
            }

            var current = Environment.ProcessPath;
            return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
        }
    }

    private static ServiceProgram Find(string name)
    {
        var folder = AppContext.BaseDirectory;
        string[] needed = [$"{name}.dll", $"{name}.runtimeconfig.json", $"{name}.deps.json"];
        var missing = needed.Where(file => !File.Exists(Path.Combine(folder, file))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"{string.Join(", ", missing)} not found in {folder}. The fault tests run the services from the test's output folder, "
                + "where the SDK copies the referenced exe projects; build tests/Integration.Tests (not just its assembly) and run again.");
        }

        return new ServiceProgram(name, Path.Combine(folder, needed[0]));
    }
}
