using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>
/// A token bucket per device: <see cref="IngestOptions.DeviceRateLimit"/> messages a second on average, with a burst
/// of <see cref="IngestOptions.DeviceRateBurst"/> (a device replaying its outbox after an outage sends a burst, not a
/// flood). One device gone wrong cannot starve the others. Written on the injected clock (the framework's limiters
/// refill on their own timers), so tests run on a fake one.
/// </summary>
public sealed class DeviceRateLimiter(IOptions<IngestOptions> options, TimeProvider time)
{
    /// <summary>Buckets idle this long are forgotten, so the table does not grow with every id a bad client invents.</summary>
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromMinutes(10);

    private readonly double _perSecond = options.Value.DeviceRateLimit;
    private readonly double _burst = options.Value.DeviceRateBurst;
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private long _nextSweep;

    /// <summary>Takes a token for <paramref name="device"/>; false when it is over its rate.</summary>
    public bool TryAcquire(string device)
    {
        var now = time.GetTimestamp();
        Sweep(now);
        var bucket = _buckets.GetOrAdd(device, _ => new Bucket(_burst, now));
        lock (bucket)
        {
            var elapsed = time.GetElapsedTime(bucket.Updated, now).TotalSeconds;
            bucket.Tokens = Math.Min(_burst, bucket.Tokens + (elapsed * _perSecond));
            bucket.Updated = now;
            if (bucket.Tokens < 1)
            {
                return false;
            }

            bucket.Tokens -= 1;
            return true;
        }
    }

    private void Sweep(long now)
    {
        if (now < Interlocked.Read(ref _nextSweep))
        {
            return;
        }

        Interlocked.Exchange(ref _nextSweep, now + (long)(ForgetAfter.TotalSeconds * time.TimestampFrequency));
        foreach (var (device, bucket) in _buckets)
        {
            if (time.GetElapsedTime(bucket.Updated, now) > ForgetAfter)
            {
                _buckets.TryRemove(device, out _);
            }
        }
    }

    private sealed class Bucket(double tokens, long updated)
    {
        public double Tokens { get; set; } = tokens;

        public long Updated { get; set; } = updated;
    }
}
