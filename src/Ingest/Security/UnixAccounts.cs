using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Text;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// What .NET does not offer on Linux: a file's owner and group, changing them, and user and group names (through
/// NSS, so LDAP users count too). statx is used because, unlike stat, its layout is the same on x86-64 and ARM64.
/// </summary>
[UnsupportedOSPlatform("windows")]
public static class UnixAccounts
{
    private const int CurrentDirectory = -100;
    private const uint WantModeUidGid = 0x02 | 0x08 | 0x10;
    private const int NotPermitted = 1;

    /// <summary>The effective user this process runs as: root (0) may give files to anyone.</summary>
    public static uint EffectiveUserId => NativeMethods.geteuid();

    public static bool IsRoot => EffectiveUserId == 0;

    public static UnixFileOwnership Of(string path)
    {
        if (NativeMethods.statx(CurrentDirectory, Utf8(path), 0, WantModeUidGid, out var status) != 0)
        {
            throw new IOException($"Cannot read the owner of {path}: {ErrorText(Marshal.GetLastPInvokeError())}.");
        }

        return new UnixFileOwnership(status.UserId, status.GroupId, (UnixFileMode)(status.Mode & 0xFFF));
    }

    /// <summary>Gives <paramref name="path"/> to a user and group; false when this user may not (EPERM).</summary>
    public static bool TryChangeOwner(string path, uint userId, uint groupId)
    {
        if (NativeMethods.chown(Utf8(path), userId, groupId) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NotPermitted ? false : throw new IOException($"Cannot change the owner of {path}: {ErrorText(error)}.");
    }

    /// <summary>The id of a group by name, or null when there is no such group on this machine.</summary>
    public static uint? GroupId(string name)
    {
        var group = NativeMethods.getgrnam(Utf8(name));

        // struct group { char *gr_name; char *gr_passwd; gid_t gr_gid; ... }
        return group == IntPtr.Zero ? null : (uint)Marshal.ReadInt32(group, 2 * IntPtr.Size);
    }

    public static string UserName(uint userId) => NameAt(NativeMethods.getpwuid(userId)) ?? userId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string GroupName(uint groupId) => NameAt(NativeMethods.getgrgid(groupId)) ?? groupId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');

    // Both struct passwd and struct group start with the name.
    private static string? NameAt(IntPtr entry) => entry == IntPtr.Zero ? null : Marshal.PtrToStringUTF8(Marshal.ReadIntPtr(entry));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text + "\0");

    private static string ErrorText(int error) => Marshal.GetPInvokeErrorMessage(error);

    [StructLayout(LayoutKind.Sequential, Size = 256)]
    private struct StatxBuffer
    {
        public uint Mask;
        public uint BlockSize;
        public ulong Attributes;
        public uint LinkCount;
        public uint UserId;
        public uint GroupId;
        public ushort Mode;
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int statx(int directory, byte[] path, int flags, uint mask, out StatxBuffer buffer);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int chown(byte[] path, uint owner, uint group);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint geteuid();

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr getgrnam(byte[] name);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr getgrgid(uint groupId);

        [DllImport("libc")]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern IntPtr getpwuid(uint userId);
    }
}
