namespace Pontive.Iot.EdgeAgent.Clock;

/// <summary>
/// Milliseconds since boot from the monotonic clock (CLOCK_MONOTONIC on Linux, through the TimeProvider's timestamp),
/// which does not jump when the wall clock is corrected. Together with <see cref="BootSession"/> it dates a reading
/// taken before the wall clock was trusted, so its time can be corrected afterwards.
/// </summary>
public sealed class MonotonicClock(TimeProvider time)
{
    public long NowMilliseconds => (long)(time.GetTimestamp() * 1000.0 / time.TimestampFrequency);
}
