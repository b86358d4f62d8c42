using System.Globalization;
using System.Runtime.Versioning;
using Pontive.Iot.Integration.Tests.Dashboard;

namespace Pontive.Iot.Integration.Tests.Deploy;

/// <summary>
/// An empty folder standing for a machine's /, where deploy/edge/install.sh and deploy/city/install.sh install with
/// --root (no users, owners or systemctl), from a stand-in published program.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class FakeRoot : IDisposable
{
    private FakeRoot(string folder)
    {
        Folder = folder;
    }

    public string Folder { get; }

    public static string Deploy(string relative) => System.IO.Path.Combine(RepositoryRoot.Path, "deploy", relative);

    public static string Repository(string relative) => System.IO.Path.Combine(RepositoryRoot.Path, relative);

    public static FakeRoot Create() => new(Directory.CreateTempSubdirectory("pontive-deploy-").FullName);

    /// <summary>A path of the installed machine, inside this folder.</summary>
    public string At(string absolute) => Folder + absolute;

    /// <summary>A published program as publish.sh leaves it, enough for the installer: the launcher and the assembly.</summary>
    public string StandInProgram(string name)
    {
        var folder = System.IO.Path.Combine(Folder, "..", System.IO.Path.GetFileName(Folder) + "-program-" + name);
        Directory.CreateDirectory(folder);
        var launcher = System.IO.Path.Combine(folder, name);
        File.WriteAllText(launcher, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
            UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.WriteAllText(System.IO.Path.Combine(folder, name + ".dll"), string.Empty);
        File.WriteAllText(System.IO.Path.Combine(folder, "appsettings.json"), "{}");
        return System.IO.Path.GetFullPath(folder);
    }

    public Task<ShellResult> InstallEdgeAsync(string release, params string[] options) =>
        Shell.RunAsync("bash", [Deploy("edge/install.sh"), "--root", Folder, "--from", StandInProgram("pontive-agent"), "--release", release, .. options]);

    public Task<ShellResult> InstallCityAsync(string release, params string[] options) =>
        Shell.RunAsync("bash", [Deploy("city/install.sh"), "--root", Folder, "--from", StandInProgram("pontive-ingest"), "--release", release, .. options]);

    public Task<ShellResult> RunEdgeAsync(params string[] options) =>
        Shell.RunAsync("bash", [Deploy("edge/install.sh"), "--root", Folder, .. options]);

    public Task<ShellResult> RunCityAsync(params string[] options) =>
        Shell.RunAsync("bash", [Deploy("city/install.sh"), "--root", Folder, .. options]);

    /// <summary>What a symbolic link holds (not followed), or null when the path is not a link.</summary>
    public string? LinkTarget(string absolute) => new FileInfo(At(absolute)).LinkTarget;

    public UnixFileMode Mode(string absolute) => File.GetUnixFileMode(At(absolute));

    /// <summary>Every path under the root with its kind, mode, size and link target: two equal snapshots, the same install.</summary>
    public IReadOnlyList<string> Snapshot() =>
        new DirectoryInfo(Folder).EnumerateFileSystemInfos("*", SearchOption.AllDirectories)
            .Select(entry => string.Join(' ',
                entry.FullName[Folder.Length..],
                entry.LinkTarget is not null ? "link" : entry is DirectoryInfo ? "dir" : "file",
                Convert.ToString((int)entry.UnixFileMode, 8),
                entry is FileInfo { LinkTarget: null } file ? file.Length.ToString(CultureInfo.InvariantCulture) : "-",
                entry.LinkTarget ?? "-"))
            .Order(StringComparer.Ordinal)
            .ToList();

    public void Dispose()
    {
        foreach (var folder in Directory.EnumerateDirectories(System.IO.Path.GetDirectoryName(Folder)!, System.IO.Path.GetFileName(Folder) + "-program-*"))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Delete(Folder, recursive: true);
    }
}
