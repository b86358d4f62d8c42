namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// The mode a new file gets: <see cref="ModeForGroup"/> when it could be given to <see cref="Group"/> (Mosquitto's,
/// so the broker reads it through its group), otherwise <see cref="Mode"/>. An existing file keeps its own.
/// </summary>
public sealed record NewFileAccess(UnixFileMode Mode, string? Group = null, UnixFileMode ModeForGroup = default)
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Certificates: public, readable by everyone (0644).</summary>
    public static NewFileAccess Public { get; } = new(OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

    /// <summary>Password hashes, ACL and private keys: 0640 in <paramref name="group"/>, 0600 when it cannot be.</summary>
    public static NewFileAccess ReadableByGroup(string group) => new(OwnerReadWrite, group, OwnerReadWrite | UnixFileMode.GroupRead);
}
