using System.Runtime.CompilerServices;

namespace Pontive.Iot.Integration.Tests.Dashboard;

/// <summary>The repository's root, found from this source file's path (not the build output, which may be anywhere).</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    /// <summary>artifacts/test-results/screenshots/{name}/, created if missing.</summary>
    public static string Screenshots(string name)
    {
        var folder = System.IO.Path.Combine(Path, "artifacts", "test-results", "screenshots", name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Find([CallerFilePath] string source = "")
    {
        for (var folder = System.IO.Path.GetDirectoryName(source); folder is not null; folder = System.IO.Path.GetDirectoryName(folder))
        {
            if (File.Exists(System.IO.Path.Combine(folder, "Pontive.Iot.sln")))
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"No Pontive.Iot.sln above {source}.");
    }
}
