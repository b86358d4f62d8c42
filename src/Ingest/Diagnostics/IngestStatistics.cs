using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Ingest.Diagnostics;

/// <summary>
/// Counts what passed through, for /health and for metrics exporters (meter <c>Pontive.Iot.Ingest</c>).
/// The counts are kept here too because a meter cannot be read back.
/// </summary>
public sealed class IngestStatistics : IDisposable
{
    public const string MeterName = "Pontive.Iot.Ingest";

    private readonly Meter _meter;
    private readonly Counter<long> _received;
    private readonly Counter<long> _stored;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _pointsWritten;
    private readonly Counter<long> _writeFailures;
    private readonly ConcurrentDictionary<string, long> _rejectedByCode = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private long _receivedCount;
    private long _storedCount;
    private long _pointsCount;
    private long _writeFailureCount;
    private volatile string? _lastWriteError;
    private long _lastWriteOkTicks;
    private long _lastWriteFailedTicks;

    public IngestStatistics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time;
        _meter = meterFactory.Create(MeterName);
        _received = _meter.CreateCounter<long>("pontive.ingest.messages.received", "{message}", "Messages received from the broker");
        _stored = _meter.CreateCounter<long>("pontive.ingest.messages.stored", "{message}", "Messages whose points InfluxDB accepted");
        _rejected = _meter.CreateCounter<long>("pontive.ingest.messages.rejected", "{message}", "Messages refused and kept as dead letters");
        _pointsWritten = _meter.CreateCounter<long>("pontive.ingest.points.written", "{point}", "Points written to InfluxDB");
        _writeFailures = _meter.CreateCounter<long>("pontive.ingest.write.failures", "{failure}", "Failed InfluxDB writes (retried or permanent)");
    }

    public long Received => Interlocked.Read(ref _receivedCount);

    public long Stored => Interlocked.Read(ref _storedCount);

    public long Rejected => _rejectedByCode.Values.Sum();

    public long PointsWritten => Interlocked.Read(ref _pointsCount);

    public long WriteFailures => Interlocked.Read(ref _writeFailureCount);

    public IReadOnlyDictionary<string, long> RejectedByCode => new Dictionary<string, long>(_rejectedByCode, StringComparer.Ordinal);

    public string? LastWriteError => _lastWriteError;

    /// <summary>True when the latest write attempt failed: InfluxDB is down or refusing.</summary>
    public bool IsWriteFailing => Interlocked.Read(ref _lastWriteFailedTicks) > Interlocked.Read(ref _lastWriteOkTicks);

    public void MessageReceived(string channel)
    {
        Interlocked.Increment(ref _receivedCount);
        _received.Add(1, new KeyValuePair<string, object?>("channel", channel));
    }

    public void MessagesStored(int count)
    {
        Interlocked.Add(ref _storedCount, count);
        _stored.Add(count);
    }

    public void MessageRejected(RejectionCode code)
    {
        var name = code.WireName();
        _rejectedByCode.AddOrUpdate(name, 1, (_, n) => n + 1);
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", name));
    }

    public void Written(int points)
    {
        Interlocked.Add(ref _pointsCount, points);
        Interlocked.Exchange(ref _lastWriteOkTicks, _time.GetUtcNow().UtcTicks);
        _pointsWritten.Add(points);
    }

    public void WriteFailed(string? error)
    {
        Interlocked.Increment(ref _writeFailureCount);
        Interlocked.Exchange(ref _lastWriteFailedTicks, _time.GetUtcNow().UtcTicks);
        _lastWriteError = error;
        _writeFailures.Add(1);
    }

    public void Dispose() => _meter.Dispose();
}
