namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>Finds a server's executable the way scripts/lib/servers.sh does.</summary>
public static class ServerExecutable
{
    // Debian installs mosquitto and nginx in /usr/sbin, which is not on a non-root user's PATH.
    private static readonly string[] SbinFolders = ["/usr/sbin", "/usr/local/sbin", "/sbin"];

    /// <exception cref="InvalidOperationException">Not installed; the message says which package to install.</exception>
    public static string Find(string name, string debianPackage)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(SbinFolders))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"'{name}' is not installed. Run the tests with scripts/test.sh, which installs it, or: apt-get install {debianPackage}.");
    }
}
