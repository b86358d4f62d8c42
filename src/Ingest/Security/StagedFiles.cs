using System.Text;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// Files another service reads (Mosquitto, as user <c>mosquitto</c>), replaced together or not at all. Every file is
/// prepared first; only when all of them can be written is any of them changed, so a permission problem never leaves
/// half an export behind.
/// <para>
/// An existing file keeps its owner, group and mode: the administrator set them so Mosquitto can read it. The new
/// content is written beside it, given the same owner, group and mode, and renamed over it, so a reader never sees half
/// a file. When this user may not give a file to its owner (only root may), it is rewritten in place instead, which
/// keeps them too. A new file gets the mode and group of its <see cref="NewFileAccess"/>.
/// </para>
/// </summary>
public sealed class StagedFiles : IDisposable
{
    private readonly List<IStaged> _staged = [];

    /// <summary>Prepares <paramref name="path"/> to hold <paramref name="text"/>.</summary>
    /// <exception cref="FileWriteRefusedException">This user may not write it; the message says why and what to do.</exception>
    public void Stage(string path, string text, NewFileAccess forNewFile)
    {
        ArgumentNullException.ThrowIfNull(forNewFile);
        var full = Path.GetFullPath(path);
        var content = Encoding.UTF8.GetBytes(text);
        if (Directory.Exists(full))
        {
            throw new FileWriteRefusedException($"{full} is a folder, where a file should be: move it away and export again.");
        }

        try
        {
            _staged.Add(OperatingSystem.IsWindows() ? StageReplacement(full, content) : StageOnUnix(full, content, forNewFile));
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new FileWriteRefusedException($"Cannot write {full}: {ex.Message} Run the command as the folder's owner or as root (sudo).");
        }
        catch (IOException ex) when (ex is not FileWriteRefusedException)
        {
            throw new FileWriteRefusedException($"Cannot write {full}: {ex.Message}");
        }
    }

    /// <summary>Writes every staged file.</summary>
    /// <returns>One line per file: what it holds now, e.g. <c>pontive.passwd: kept its owner mosquitto, …</c>.</returns>
    public IReadOnlyList<string> Commit()
    {
        var lines = new List<string>();
        foreach (var staged in _staged)
        {
            try
            {
                lines.Add(staged.Commit());
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new FileWriteRefusedException($"Cannot write {staged.Path}: {ex.Message}");
            }
        }

        _staged.Clear();
        return lines;
    }

    public void Dispose()
    {
        foreach (var staged in _staged)
        {
            staged.Dispose();
        }

        _staged.Clear();
    }

    private static Replacement StageReplacement(string path, byte[] content)
    {
        var temporary = path + ".new";
        File.Delete(temporary);
        File.WriteAllBytes(temporary, content);
        return new Replacement(temporary, path, $"{System.IO.Path.GetFileName(path)}: written");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static IStaged StageOnUnix(string path, byte[] content, NewFileAccess forNewFile)
    {
        var name = System.IO.Path.GetFileName(path);
        UnixFileOwnership? existing = File.Exists(path) ? UnixAccounts.Of(path) : null;
        var temporary = path + ".new";
        try
        {
            File.Delete(temporary);

            // Created readable by this user only, so nobody can read it before it has its final mode.
            using (var stream = new FileStream(temporary, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (UnauthorizedAccessException) when (existing is { } kept)
        {
            // The folder is not ours to add files to, but the file itself may be.
            return RewriteInPlace(path, content, kept);
        }

        if (existing is { } ownership)
        {
            if (!UnixAccounts.TryChangeOwner(temporary, ownership.UserId, ownership.GroupId))
            {
                File.Delete(temporary);
                return RewriteInPlace(path, content, ownership);
            }

            File.SetUnixFileMode(temporary, ownership.Mode);
            return new Replacement(temporary, path, $"{name}: kept its {ownership.Describe()}");
        }

        var mode = forNewFile.Mode;
        var note = string.Empty;
        if (forNewFile.Group is { } group)
        {
            var groupId = UnixAccounts.GroupId(group);
            if (groupId is { } id && UnixAccounts.TryChangeOwner(temporary, uint.MaxValue, id))
            {
                mode = forNewFile.ModeForGroup;
            }
            else
            {
                note = groupId is null
                    ? $" (no group {group} on this machine)"
                    : $" (this user may not give it to group {group}: run as root, or chgrp {group} it)";
            }
        }

        File.SetUnixFileMode(temporary, mode);
        return new Replacement(temporary, path, $"{name}: new, {UnixAccounts.Of(temporary).Describe()}{note}");
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static InPlaceRewrite RewriteInPlace(string path, byte[] content, UnixFileOwnership ownership)
    {
        try
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Write);
            return new InPlaceRewrite(stream, content, path, $"{System.IO.Path.GetFileName(path)}: kept its {ownership.Describe()}");
        }
        catch (UnauthorizedAccessException)
        {
            var user = UnixAccounts.UserName(UnixAccounts.EffectiveUserId);
            throw new FileWriteRefusedException(
                $"Cannot write {path}: it has {ownership.Describe()}, and {user} may not write it. Nothing was changed. " +
                "Run the command as root (sudo): existing files then keep their owner, group and mode.");
        }
    }

    private interface IStaged : IDisposable
    {
        string Path { get; }

        string Commit();
    }

    private sealed class Replacement(string temporary, string path, string description) : IStaged
    {
        private bool _committed;

        public string Path => path;

        public string Commit()
        {
            File.Move(temporary, path, overwrite: true);
            _committed = true;
            return description;
        }

        public void Dispose()
        {
            if (!_committed)
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>
    /// Not atomic, so only the fallback: Mosquitto reads these files at a reload, which the administrator starts after
    /// the export, not while it runs. The old content is overwritten before the file is cut to length, so it is never
    /// empty on the way.
    /// </summary>
    private sealed class InPlaceRewrite(FileStream stream, byte[] content, string path, string description) : IStaged
    {
        public string Path => path;

        public string Commit()
        {
            stream.Write(content);
            stream.SetLength(content.Length);
            stream.Flush(flushToDisk: true);
            stream.Dispose();
            return description + " (rewritten in place)";
        }

        public void Dispose() => stream.Dispose();
    }
}
