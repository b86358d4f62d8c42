using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// A fake clock that also says when a timer was armed. A loop like the agent's sampler reads a sensor when its timer
/// fires and then arms the next one; advancing the clock again before that would skip a reading. Waiting until the
/// loop has armed its next timer (recognised by its exact due time) makes "advance one interval, then the next" exact.
/// </summary>
public sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly List<Watch> _watches = [];

    /// <summary>Completes once <paramref name="count"/> timers due in exactly <paramref name="dueTime"/> have been armed from now on.</summary>
    public Task TimersArmedAsync(TimeSpan dueTime, int count)
    {
        var watch = new Watch(dueTime, count);
        lock (_gate)
        {
            _watches.Add(watch);
        }

        return watch.Done.Task.WaitAsync(IngestWaits.Patience);
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        lock (_gate)
        {
            foreach (var watch in _watches.Where(w => w.DueTime == dueTime).ToList())
            {
                if (--watch.Remaining == 0)
                {
                    _watches.Remove(watch);
                    watch.Done.TrySetResult();
                }
            }
        }

        return timer;
    }

    private sealed class Watch(TimeSpan dueTime, int count)
    {
        public TimeSpan DueTime { get; } = dueTime;

        public int Remaining { get; set; } = count;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
