using System.Runtime.InteropServices;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// SIGTERM for a clean stop: Process.Kill only sends SIGKILL, which gives a server no chance to
/// save (Mosquitto writes its persistence file on TERM, not on KILL). SIGHUP for a reload.
/// </summary>
internal static class PosixSignal
{
    private const int SigHangup = 1;
    private const int SigTerm = 15;

    public static void Terminate(int processId)
    {
        // ESRCH (already gone) is fine: the caller waits for the exit either way.
        _ = SendSignal(processId, SigTerm);
    }

    /// <summary>SIGHUP: Mosquitto re-reads its configuration, password_file and acl_file.</summary>
    public static void Hangup(int processId) => _ = SendSignal(processId, SigHangup);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int processId, int signal);
}
