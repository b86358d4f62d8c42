namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// How long a test waits for something that should happen at once before failing instead of hanging. Generous,
/// because a loaded CI machine is slow; a passing test never waits this long.
/// </summary>
public static class Timeouts
{
    public static readonly TimeSpan Test = TimeSpan.FromSeconds(15);
}
