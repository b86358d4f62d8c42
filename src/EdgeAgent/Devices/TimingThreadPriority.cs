using System.Runtime.InteropServices;

namespace Pontive.Iot.EdgeAgent.Devices;

/// <summary>
/// Keeps the scheduler off the current thread while a binding times pulses on a pin by polling it (HC-SR04 echo,
/// HX711 clock), where a preemption stretches a measured echo or holds a clock high long enough to power a chip down.
/// Linux is asked for the real-time policy SCHED_FIFO at a low real-time priority, else for nice -10; either needs
/// the right (root, CAP_SYS_NICE, or <c>LimitRTPRIO=10</c> in the systemd unit), and without it nothing changes and
/// the callers' own checks (disturbed-timing rejection, medians) carry on alone. Only the calling thread is affected,
/// for the scope's lifetime; the polling loops are bounded by their deadlines, so a real-time thread never holds a
/// core for long.
/// </summary>
internal static class TimingThreadPriority
{
    /// <summary>Low among real-time priorities (1–99): above every ordinary thread, below the kernel's own.</summary>
    public const int RealTimePriority = 10;

    /// <summary>The fallback: favoured over ordinary work, well clear of the kernel's -20.</summary>
    public const int TimingNice = -10;

    private const int SchedFifo = 1;
    private const int PrioProcess = 0;

    /// <summary>Raises the current thread until the returned scope is disposed.</summary>
    public static Scope Raise()
    {
        if (!OperatingSystem.IsLinux())
        {
            return default;
        }

        try
        {
            var thread = NativeMethods.gettid();
            var policyBefore = NativeMethods.sched_getscheduler(thread);
            var paramBefore = 0;
            if (policyBefore >= 0 && NativeMethods.sched_getparam(thread, ref paramBefore) == 0)
            {
                var realTime = RealTimePriority;
                if (NativeMethods.sched_setscheduler(thread, SchedFifo, ref realTime) == 0)
                {
                    return new Scope(thread, ScopeKind.RealTime, policyBefore, paramBefore);
                }
            }

            Marshal.SetLastPInvokeError(0);
            var niceBefore = NativeMethods.getpriority(PrioProcess, thread);
            if (Marshal.GetLastPInvokeError() == 0 && NativeMethods.setpriority(PrioProcess, thread, TimingNice) == 0)
            {
                return new Scope(thread, ScopeKind.Nice, niceBefore, 0);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc: run at the priority we have.
        }

        return default;
    }

    internal enum ScopeKind
    {
        Unchanged,
        RealTime,
        Nice,
    }

    /// <summary>While alive, the thread runs raised; disposing puts back what it had.</summary>
    internal readonly struct Scope : IDisposable
    {
        private readonly int _thread;
        private readonly int _before;
        private readonly int _paramBefore;

        public Scope(int thread, ScopeKind kind, int before, int paramBefore)
        {
            _thread = thread;
            Kind = kind;
            _before = before;
            _paramBefore = paramBefore;
        }

        /// <summary>How the thread was raised, if at all.</summary>
        public ScopeKind Kind { get; }

        public bool Raised => Kind != ScopeKind.Unchanged;

        public void Dispose()
        {
            switch (Kind)
            {
                case ScopeKind.RealTime:
                    var param = _paramBefore;
                    _ = NativeMethods.sched_setscheduler(_thread, _before, ref param);
                    break;
                case ScopeKind.Nice:
                    _ = NativeMethods.setpriority(PrioProcess, _thread, _before);
                    break;
                default:
                    break;
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int gettid();

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sched_getscheduler(int pid);

        /// <summary><c>struct sched_param</c> is a single int, the priority.</summary>
        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sched_getparam(int pid, ref int param);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int sched_setscheduler(int pid, int policy, ref int param);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int getpriority(int which, int who);

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int setpriority(int which, int who, int prio);
    }
}
