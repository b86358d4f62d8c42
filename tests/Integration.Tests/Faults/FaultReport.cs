using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// artifacts/test-results/fault-report.md at the repository root: one row per fault test and kind of message, appended
/// by every run, so the CI log's artifacts show the counts next to the .trx files.
/// </summary>
public static class FaultReport
{
    private static readonly Lock FileLock = new();

    public static string FilePath { get; } = Path.Combine(RepositoryRoot(), "artifacts", "test-results", "fault-report.md");

    public static void Append(string scenario, TimeSpan took, string note, params DeliveryCount[] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var rows = new StringBuilder();
        var when = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        foreach (var count in counts)
        {
            rows.Append(CultureInfo.InvariantCulture, $"| {when} | {scenario} | {count.Kind} | {count.Published} | {count.Stored} | {count.Dropped} | ")
                .Append(CultureInfo.InvariantCulture, $"{count.Waiting} | {count.Lost} | {count.Duplicated} | {took.TotalSeconds:0.0} | {note.Replace("|", "/", StringComparison.Ordinal)} |\n");
        }

        lock (FileLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            if (!File.Exists(FilePath))
            {
                File.WriteAllText(FilePath, """
                    # Fault tests: delivery counts

                    Written by tests/Integration.Tests/Faults, one row per test and kind, every run appended.
                    Published: recorded (deposits) or sampled (telemetry) by the device, from its own database. Stored: in InfluxDB.
                    Dropped: given up on purpose and counted (telemetry over the outbox cap; deposits refused by the city).
                    Waiting: still in the device's outbox at the end. Lost and duplicated must be 0 for deposits.

                    | when (UTC) | scenario | kind | published | stored | dropped | waiting | lost | duplicated | seconds | note |
                    | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |

                    """);
            }

            File.AppendAllText(FilePath, rows.ToString());
        }
    }

    // The tests may run from a build folder outside the tree (--artifacts-path): start from this source file's
    // path at compile time, then from where the test runs.
    private static string RepositoryRoot([CallerFilePath] string sourcePath = "")
    {
        foreach (var start in new[] { Path.GetDirectoryName(sourcePath), Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var folder = start is null ? null : new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Pontive.Iot.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return AppContext.BaseDirectory;
    }
}
