namespace Pontive.Iot.Integration.Tests.Harness.Processes;

/// <summary>
/// Waiting on what cannot notify: a child process's database, InfluxDB's counts, an HTTP status. Checks often, gives
/// up only after a generous time, and then says what it last saw.
/// </summary>
public static class Polling
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>Long: a two-core CI machine busy with a broker, a database and two services is slow.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <exception cref="TimeoutException">It did not hold within <paramref name="patience"/>; the message is what <paramref name="describe"/> says.</exception>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe, string waitingFor, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        var limit = patience ?? Patience;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition().ConfigureAwait(false))
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Waited {limit.TotalSeconds:0} s for {waitingFor}; last seen: {await describe().ConfigureAwait(false)}");
            }

            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }

    public static Task UntilAsync(Func<bool> condition, Func<string> describe, string waitingFor, TimeSpan? patience = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(describe);
        return UntilAsync(() => Task.FromResult(condition()), () => Task.FromResult(describe()), waitingFor, patience);
    }
}
