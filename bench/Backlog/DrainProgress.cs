using System.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>Follows Ingest's notifications and completes once every message of the backlog is stored or refused.</summary>
internal sealed class DrainProgress
{
    private readonly long _expected;
    private readonly Stopwatch _clock;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _stored;
    private long _refused;
    private long _points;
    private long _writes;
    private long _firstStoredTicks = -1;

    public DrainProgress(IngestNotifications notifications, long expected, Stopwatch clock)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        _expected = expected;
        _clock = clock;
        notifications.Stored += OnStored;
        notifications.Refused += _ =>
        {
            Interlocked.Increment(ref _refused);
            CheckDone();
        };
    }

    public Task Done => _done.Task;

    public long Stored => Interlocked.Read(ref _stored);

    public long Refused => Interlocked.Read(ref _refused);

    public long Points => Interlocked.Read(ref _points);

    /// <summary>InfluxDB writes: each Stored notification is one batch.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    public TimeSpan FirstStoredAfter => TimeSpan.FromTicks(Math.Max(0, Interlocked.Read(ref _firstStoredTicks)));

    public override string ToString() => $"{Stored} of {_expected} messages stored, {Refused} refused, {Points} points in {Writes} writes";

    private void OnStored(IReadOnlyList<InterpretedMessage> batch)
    {
        Interlocked.CompareExchange(ref _firstStoredTicks, _clock.Elapsed.Ticks, -1);
        Interlocked.Increment(ref _writes);
        Interlocked.Add(ref _points, batch.Sum(m => (long)m.Points.Count));
        Interlocked.Add(ref _stored, batch.Count);
        CheckDone();
    }

    private void CheckDone()
    {
        if (Stored + Refused >= _expected)
        {
            _done.TrySetResult();
        }
    }
}
