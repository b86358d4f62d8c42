using System.Globalization;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// Which process holds a listening socket, read from /proc. A readiness probe alone can be answered
/// by someone else's server on the same port while ours failed to bind it.
/// </summary>
public static class ListeningSockets
{
    private const string ListenState = "0A";

    public static bool IsHeldBy(int port, int processId)
    {
        var inodes = ListenerInodes(port).Select(inode => $"socket:[{inode}]").ToHashSet(StringComparer.Ordinal);
        if (inodes.Count == 0)
        {
            return false;
        }

        try
        {
            return Directory.EnumerateFileSystemEntries($"/proc/{processId}/fd")
                .Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target));
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            // The process is gone, or closed a descriptor while we read the folder.
            return false;
        }
    }

    private static IEnumerable<string> ListenerInodes(int port)
    {
        var portSuffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table))
            {
                continue;
            }

            // Columns: sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[1].EndsWith(portSuffix, StringComparison.Ordinal) && columns[3] == ListenState)
                {
                    yield return columns[9];
                }
            }
        }
    }
}
