using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Storage;

/// <summary>
/// While InfluxDB is down nothing may be lost: retryable failures are retried, after a backoff or the pause
/// InfluxDB asked for, for as long as it takes; a permanent refusal comes back at once. The clock is fake: the
/// test sees each wait start, checks its length and moves time past it.
/// </summary>
public sealed class RetryingPointWriterTests : IDisposable
{
    private static readonly IReadOnlyList<PointData> OnePoint =
        [PointData.Measurement("light").Tag("site", "park-alun-kapuas").Field("illuminance_lux", 5.0).Timestamp(1795835700000, WritePrecision.Ms)];

    private readonly TimerWatchingTimeProvider _time = new();
    private readonly ScriptedPointWriter _influx = new();
    private readonly TestMeterFactory _meters = new();
    private readonly FakeLogger<RetryingPointWriter> _log = new();
    private readonly IngestStatistics _statistics;
    private readonly RetryingPointWriter _writer;

    public RetryingPointWriterTests()
    {
        _statistics = new IngestStatistics(_meters, _time);
        _writer = new RetryingPointWriter(
            _influx,
            Options.Create(new IngestOptions { RetryDelay = TimeSpan.FromSeconds(1), RetryDelayMax = TimeSpan.FromSeconds(30) }),
            _time,
            _statistics,
            _log);
    }

    [Fact]
    public async Task A_retryable_failure_is_written_again_once_the_backoff_has_passed()
    {
        FailTimes(1, ScriptedPointWriter.Unavailable);

        var write = _writer.WriteAsync(OnePoint, CancellationToken.None);
        await _influx.NextCallAsync();
        var backoff = await _time.NextWaitAsync();

        Assert.InRange(backoff, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30));
        _time.Advance(backoff - TimeSpan.FromMilliseconds(1));
        Assert.Single(_influx.Writes);
        Assert.False(write.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await _influx.NextCallAsync();
        await write.WaitAsync(Timeouts.Test);
        Assert.Equal(2, _influx.Writes.Count);
        Assert.Equal(_influx.Writes[0], _influx.Writes[1]);
    }

    [Fact]
    public async Task The_pause_InfluxDB_asked_for_is_waited_exactly()
    {
        FailTimes(1, () => new InfluxWriteException("InfluxDB answered 429", isRetryable: true, statusCode: 429, retryAfter: TimeSpan.FromSeconds(7)));

        var write = _writer.WriteAsync(OnePoint, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), await _time.NextWaitAsync());
        _time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(1));
        Assert.Single(_influx.Writes);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await write.WaitAsync(Timeouts.Test);
        Assert.Equal(2, _influx.Writes.Count);
    }

    [Fact]
    public async Task A_pause_longer_than_the_longest_backoff_is_still_honoured()
    {
        FailTimes(1, () => new InfluxWriteException("InfluxDB answered 503", isRetryable: true, statusCode: 503, retryAfter: TimeSpan.FromMinutes(2)));

        var write = _writer.WriteAsync(OnePoint, CancellationToken.None);

        Assert.Equal(TimeSpan.FromMinutes(2), await _time.NextWaitAsync());
        _time.Advance(TimeSpan.FromMinutes(2));
        await write.WaitAsync(Timeouts.Test);
    }

    [Fact]
    public async Task A_permanent_refusal_is_thrown_at_once_without_waiting_or_writing_again()
    {
        FailTimes(1, () => ScriptedPointWriter.Refused());

        var error = await Assert.ThrowsAsync<InfluxWriteException>(() => _writer.WriteAsync(OnePoint, CancellationToken.None));

        Assert.False(error.IsRetryable);
        Assert.Single(_influx.Writes);
        Assert.True(_time.NoWaitStarted);
    }

    [Fact]
    public async Task Retries_go_on_for_as_long_as_InfluxDB_is_down_with_waits_that_never_exceed_the_longest_backoff()
    {
        const int failures = 40;
        FailTimes(failures, ScriptedPointWriter.Unavailable);

        var write = _writer.WriteAsync(OnePoint, CancellationToken.None);
        var waits = new List<TimeSpan>();
        for (var i = 0; i < failures; i++)
        {
            var next = _time.NextWaitAsync();
            if (await Task.WhenAny(next, write) == write)
            {
                await write;
                Assert.Fail($"the write ended after {i} retries while InfluxDB was still down");
            }

            var wait = await next;
            waits.Add(wait);
            Assert.False(write.IsCompleted);
            _time.Advance(wait);
        }

        await write.WaitAsync(Timeouts.Test);
        Assert.Equal(failures + 1, _influx.Writes.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromTicks(1), TimeSpan.FromSeconds(30)));
        Assert.True(waits.Skip(20).Average(w => w.TotalSeconds) > waits.Take(2).Average(w => w.TotalSeconds),
            $"the backoff did not grow: {string.Join(", ", waits)}");
    }

    [Fact]
    public async Task Health_shows_writes_failing_while_retrying_and_ok_once_InfluxDB_takes_the_points()
    {
        FailTimes(2, ScriptedPointWriter.Unavailable);

        var write = _writer.WriteAsync(OnePoint, CancellationToken.None);
        _time.Advance(await _time.NextWaitAsync());
        var secondWait = await _time.NextWaitAsync();

        Assert.True(_statistics.IsWriteFailing);
        Assert.Equal(2, _statistics.WriteFailures);
        Assert.Contains("503", _statistics.LastWriteError, StringComparison.Ordinal);
        Assert.Equal(0, _statistics.PointsWritten);

        _time.Advance(secondWait);
        await write.WaitAsync(Timeouts.Test);
        Assert.False(_statistics.IsWriteFailing);
        Assert.Equal(1, _statistics.PointsWritten);
    }

    [Fact]
    public async Task Each_retry_is_logged_as_a_warning_with_the_destination_and_the_error()
    {
        FailTimes(1, ScriptedPointWriter.Unavailable);

        var write = _writer.WriteAsync(OnePoint, CancellationToken.None);
        _time.Advance(await _time.NextWaitAsync());
        await write.WaitAsync(Timeouts.Test);

        var record = Assert.Single(_log.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Contains("scripted InfluxDB", record.Message, StringComparison.Ordinal);
        Assert.Contains("InfluxDB answered 503", record.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_service_during_a_backoff_ends_the_retries()
    {
        FailTimes(int.MaxValue, ScriptedPointWriter.Unavailable);
        using var stopping = new CancellationTokenSource();

        var write = _writer.WriteAsync(OnePoint, stopping.Token);
        await _time.NextWaitAsync();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write.WaitAsync(Timeouts.Test));
        Assert.Single(_influx.Writes);
    }

    public void Dispose()
    {
        _statistics.Dispose();
        _meters.Dispose();
    }

    private void FailTimes(int times, Func<InfluxWriteException> error)
    {
        var calls = 0;
        _influx.Answer = _ => Interlocked.Increment(ref calls) <= times
            ? Task.FromException(error())
            : Task.CompletedTask;
    }
}
