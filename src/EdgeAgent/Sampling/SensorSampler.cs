using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Sensors;

namespace Pontive.Iot.EdgeAgent.Sampling;

/// <summary>
/// Reads every configured sensor on its own interval and appends each reading to the outbox. Each sensor has its
/// own loop: one that fails (absent, unplugged, answering nonsense) is reported and retried with backoff while the
/// others keep sampling.
/// </summary>
internal sealed class SensorSampler(
    SensorFactory factory,
    TelemetryOutbox outbox,
    SensorHealth health,
    ClockTrust clock,
    TimeProvider time,
    ILogger<SensorSampler> logger,
    ScaleMonitor? scaleMonitor = null) : BackgroundService
{
    /// <summary>The longest wait before trying a failed sensor again.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>Every entry but the kiosk's scale, which the <see cref="ScaleMonitor"/> owns when the kiosk runs.</summary>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, factory.Entries.Count)
            .Where(i => i != scaleMonitor?.EntryIndex)
            .Select(i => SampleAsync(i, stoppingToken)));

    private async Task SampleAsync(int index, CancellationToken cancellationToken)
    {
        var options = factory.Entries[index];
        ISensor? sensor = null;
        try
        {
            // Readings keep to a fixed grid (start, start + interval, …) so the time a reading takes does not make them drift.
            var due = time.GetUtcNow();
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    sensor ??= factory.Create(index);
                    var values = await sensor.ReadAsync(cancellationToken).ConfigureAwait(false);
                    var now = WireTime.Truncate(time.GetUtcNow());
                    health.Succeeded(options.Id, now);
                    Keep(new Sample
                    {
                        T = now,
                        Sensor = options.Id,
                        Kind = sensor.Kind.Name,
                        Values = values,
                        Clock = clock.IsTrusted ? null : ClockState.Unsynced,
                    });
                    due = NextDue(due, options.Interval, time.GetUtcNow());
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var failures = health.Failed(options.Id, ex.Message);
                    var retryIn = RetryDelay(options.Interval, failures);
                    Log.SensorFailed(logger, options.Id, options.Driver, failures, retryIn, ex.Message);
                    sensor?.Dispose();
                    sensor = null;
                    due = time.GetUtcNow() + retryIn;
                }

                var wait = due - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            sensor?.Dispose();
        }
    }

    /// <summary>A reading the outbox cannot keep (full storage) is lost and logged; the sensor itself is fine.</summary>
    private void Keep(Sample sample)
    {
        try
        {
            outbox.Append(sample);
        }
        catch (DiskFullException ex)
        {
            Log.SampleNotKept(logger, sample.Sensor, ex.Message);
        }
    }

    /// <summary>The next slot on the grid after <paramref name="now"/>; slots missed while a reading hung are skipped, not caught up.</summary>
    internal static DateTimeOffset NextDue(DateTimeOffset previousDue, TimeSpan interval, DateTimeOffset now)
    {
        var next = previousDue + interval;
        if (next > now)
        {
            return next;
        }

        var missed = (long)((now - next).Ticks / interval.Ticks) + 1;
        return next + (interval * missed);
    }

    /// <summary>Retry soon after a first failure, then back off (doubling) up to five minutes, never faster than the interval.</summary>
    internal static TimeSpan RetryDelay(TimeSpan interval, int consecutiveFailures)
    {
        var backoff = TimeSpan.FromSeconds(Math.Pow(2, Math.Min(consecutiveFailures - 1, 16)));
        var delay = backoff > MaxRetryDelay ? MaxRetryDelay : backoff;
        return delay < interval ? interval : delay;
    }
}
