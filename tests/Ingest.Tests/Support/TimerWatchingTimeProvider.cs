using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// A fake clock that also says when someone starts waiting on it (Polly's retry delay, a Task.Delay), and for how
/// long. A test awaits the wait, checks its length, then advances the clock exactly that far: no race between
/// "the code is about to wait" and "the test moves time", and no real waiting.
/// </summary>
public sealed class TimerWatchingTimeProvider : FakeTimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public TimerWatchingTimeProvider()
        : base(new DateTimeOffset(2026, 11, 28, 3, 15, 0, TimeSpan.Zero))
    {
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>The length of the next wait that starts on this clock.</summary>
    public async Task<TimeSpan> NextWaitAsync() =>
        await _waits.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Test).ConfigureAwait(false);

    /// <summary>True when no wait has started since the last one a test took.</summary>
    public bool NoWaitStarted => !_waits.Reader.TryPeek(out _);
}
