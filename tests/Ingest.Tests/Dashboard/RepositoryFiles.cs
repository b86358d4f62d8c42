using System.Runtime.CompilerServices;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>Files of the repository, found from this source file's path (tests read the docs and deploy/ as committed).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(Path(parts));

    private static string FindRoot([CallerFilePath] string source = "")
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
