namespace Pontive.Iot.EdgeAgent.Clock;

/// <summary>
/// Which boot this is (Linux's random boot id). Monotonic times only compare within one boot: a reading from an
/// earlier boot whose clock was never trusted cannot be corrected and keeps its <c>clock: unsynced</c> flag.
/// </summary>
public sealed class BootSession
{
    public const string BootIdPath = "/proc/sys/kernel/random/boot_id";

    public BootSession()
        : this(File.Exists(BootIdPath) ? File.ReadAllText(BootIdPath).Trim() : $"process-{Environment.ProcessId}-{Guid.NewGuid():N}")
    {
    }

    public BootSession(string bootId) => BootId = bootId;

    public string BootId { get; }
}
