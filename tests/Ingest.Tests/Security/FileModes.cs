using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>Who may read a file: the city's server runs Linux, where keys and passwords must not be readable by others.</summary>
internal static class FileModes
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerAndGroup = OwnerOnly | UnixFileMode.GroupRead;

    public const UnixFileMode Everyone = OwnerAndGroup | UnixFileMode.OtherRead;

    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("File modes are checked on Linux.") : File.GetUnixFileMode(path);

    /// <summary>
    /// A new secret file for Mosquitto: 0640 in group mosquitto when this machine has that group and this user may give
    /// files to it (root, or a member), otherwise 0600.
    /// </summary>
    public static void AssertMosquittoSecret(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var ownership = UnixAccounts.Of(path);
        Assert.Equal(ownership.GroupId == UnixAccounts.GroupId(MosquittoSecurityFiles.MosquittoGroup) ? OwnerAndGroup : OwnerOnly, ownership.Mode);
    }
}
