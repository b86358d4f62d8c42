namespace Pontive.Iot.Ingest.Security;

/// <summary>Files and folders only Ingest's user may read: password hashes, kept payloads, the cookie-signing keys.</summary>
public static class PrivateFiles
{
    private const UnixFileMode NotOwner = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// A SQLite database file before SQLite opens it: SQLite creates its file with the umask's mode (often 0644) and
    /// gives its -wal and -shm files the database's mode, so a new file is created 0600 first, and one an older version
    /// left readable by others is made 0600, its -wal and -shm too.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            // OpenOrCreate: the service and a command may both be first.
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists))
        {
            var mode = File.GetUnixFileMode(file);
            if ((mode & NotOwner) != 0)
            {
                File.SetUnixFileMode(file, mode & ~NotOwner);
            }
        }
    }

    /// <summary>A folder only Ingest's user may enter (created 0700; an existing one loses group and other access).</summary>
    public static DirectoryInfo Folder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }

        var folder = Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        if ((folder.UnixFileMode & NotOwner) != 0)
        {
            folder.UnixFileMode &= ~NotOwner;
        }

        return folder;
    }
}
