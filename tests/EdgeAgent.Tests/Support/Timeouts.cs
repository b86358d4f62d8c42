namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>
/// How long a test waits for something that should happen at once before failing instead of hanging. Generous,
/// because a loaded machine is slow; a passing test never waits this long.
/// </summary>
internal static class Timeouts
{
    public static readonly TimeSpan Test = TimeSpan.FromSeconds(20);
}
