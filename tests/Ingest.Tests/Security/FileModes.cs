namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>Who may read a file: the city's server runs Linux, where keys and passwords must be 0600.</summary>
internal static class FileModes
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static UnixFileMode Of(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("File modes are checked on Linux.") : File.GetUnixFileMode(path);
}
