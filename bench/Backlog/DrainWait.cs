namespace Pontive.Iot.Bench.Backlog;

internal static class DrainWait
{
    /// <exception cref="TimeoutException">Not done within <paramref name="timeout"/>; says how far it got.</exception>
    public static async Task UntilAsync(Task done, TimeSpan timeout, Func<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            await done.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"not drained within {timeout}: {progress()}");
        }
    }
}
