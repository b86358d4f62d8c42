using Microsoft.Extensions.Time.Testing;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>
/// A Raspberry Pi's time for a test. The wall clock can be set forwards or backwards, as NTP does, without moving
/// the monotonic clock (timestamps and timers), which only the test moves forward. The clock also knows which waits
/// (Task.Delay, timers) are pending on it, so a test can move time exactly to the next wake-up of the code under test
/// once every loop is parked: no race between "the code is about to wait" and "the test moves time".
/// </summary>
internal sealed class DeviceClock : FakeTimeProvider
{
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 28, 3, 15, 0, TimeSpan.Zero);

    // Held while time moves and while a wait is armed, so a wait is never armed against a clock moving under it.
    private readonly Lock _timeGate = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<PendingWait, DateTimeOffset> _pending = [];
    private TaskCompletionSource _changed = NewSignal();
    private long _wallOffsetTicks;

    public DeviceClock()
        : this(DefaultStart)
    {
    }

    public DeviceClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>The monotonic clock's reading, as a time (it starts equal to the wall clock).</summary>
    public DateTimeOffset Monotonic => base.GetUtcNow();

    public int PendingWaits
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _wallOffsetTicks));

    public override long GetTimestamp() => base.GetUtcNow().Ticks;

    /// <summary>Sets the wall clock (a time sync, a wrong clock at boot); timestamps and timers do not move.</summary>
    public void SetWallClock(DateTimeOffset now) =>
        Interlocked.Exchange(ref _wallOffsetTicks, (now - base.GetUtcNow()).Ticks);

    /// <summary>Moves the monotonic clock (and the wall clock with it) forward; due waits wake up.</summary>
    public new void Advance(TimeSpan delta)
    {
        lock (_timeGate)
        {
            base.Advance(delta);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var wait = new PendingWait(this);
        wait.Inner = base.CreateTimer(
            s =>
            {
                wait.OnFired();
                callback(s);
            },
            state,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
        wait.Change(dueTime, period);
        return wait;
    }

    /// <summary>Waits until at least <paramref name="count"/> waits are pending (every loop of the code under test is parked).</summary>
    public async Task WaitForPendingAsync(int count)
    {
        using var timeout = new CancellationTokenSource(Timeouts.Test);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_pending.Count >= count)
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} pending wait(s) on the clock; there are {PendingWaits}.");
            }
        }
    }

    /// <summary>The length of the earliest pending wait, once at least one is pending.</summary>
    public async Task<TimeSpan> NextWaitAsync()
    {
        await WaitForPendingAsync(1);
        lock (_timeGate)
        {
            lock (_gate)
            {
                return _pending.Values.Min() - Monotonic;
            }
        }
    }

    /// <summary>
    /// Moves time forward by <paramref name="duration"/>, stopping at every wake-up on the way and letting the code
    /// under test run until <paramref name="parkedLoops"/> waits are pending again. Returns with every loop parked.
    /// </summary>
    public async Task RunAsync(TimeSpan duration, int parkedLoops)
    {
        var end = Monotonic + duration;
        while (true)
        {
            await WaitForPendingAsync(parkedLoops);
            Task changed;
            lock (_timeGate)
            {
                DateTimeOffset next;
                lock (_gate)
                {
                    next = _pending.Values.Min();
                    changed = _changed.Task;
                }

                var now = Monotonic;
                if (next > end)
                {
                    base.Advance(end - now);
                    return;
                }

                if (next > now)
                {
                    base.Advance(next - now);
                    continue;
                }
            }

            // A wake-up is being delivered on another thread: let it land first.
            await changed.WaitAsync(Timeouts.Test);
        }
    }

    private void SetPending(PendingWait wait, DateTimeOffset? dueAt)
    {
        TaskCompletionSource changed;
        lock (_gate)
        {
            if (dueAt is { } at)
            {
                _pending[wait] = at;
            }
            else
            {
                _pending.Remove(wait);
            }

            changed = _changed;
            _changed = NewSignal();
        }

        changed.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class PendingWait(DeviceClock clock) : ITimer
    {
        private TimeSpan _period = Timeout.InfiniteTimeSpan;

        public ITimer Inner { get; set; } = null!;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            // Time cannot move while the gate is held, so the wait is due exactly where it is recorded. A wait due at
            // once is not recorded: it fires as it is armed.
            lock (clock._timeGate)
            {
                _period = period;
                clock.SetPending(this, dueTime == Timeout.InfiniteTimeSpan || dueTime <= TimeSpan.Zero ? null : clock.Monotonic + dueTime);
                return Inner.Change(dueTime, period);
            }
        }

        public void OnFired() => clock.SetPending(this, Repeats ? clock.Monotonic + _period : null);

        public void Dispose()
        {
            clock.SetPending(this, null);
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }

        private bool Repeats => _period != Timeout.InfiniteTimeSpan && _period > TimeSpan.Zero;
    }
}
