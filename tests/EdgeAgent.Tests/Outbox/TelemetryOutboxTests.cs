using System.Text.Json;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

public sealed class TelemetryOutboxTests : IDisposable
{
    private readonly AgentStore _store = new();

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void Samples_survive_a_restart_in_order_with_their_times_values_and_clock_flag()
    {
        var first = Samples.Environment(Now, temperatureC: 28.5);
        var second = Samples.Environment(Now.AddSeconds(60), temperatureC: 29.25, sensor: "env-2", unsynced: true);
        _store.Telemetry.Append(first);
        _store.Telemetry.Append(second);

        _store.Reopen();

        var batch = _store.Telemetry.PeekBatch(maxSamples: 10, maxBytes: 64 * 1024);
        Assert.Equal(2, batch.Count);
        AssertSameSample(first, batch[0].Sample);
        AssertSameSample(second, batch[1].Sample);
        var figures = _store.Telemetry.Figures();
        Assert.Equal(2, figures.Depth);
        Assert.Equal(batch.Sum(e => (long)e.Bytes), figures.Bytes);
    }

    [Fact]
    public void The_message_number_strictly_increases_across_restarts_and_reboots()
    {
        var numbers = new List<long> { _store.Telemetry.NextSequence(), _store.Telemetry.NextSequence() };
        _store.Reopen();
        numbers.Add(_store.Telemetry.NextSequence());
        _store.Reopen(bootId: "boot-2");
        numbers.Add(_store.Telemetry.NextSequence());

        Assert.Equal([1, 2, 3, 4], numbers);
    }

    [Fact]
    public void A_batch_holds_the_oldest_samples_first_up_to_the_sample_limit()
    {
        for (var i = 0; i < 5; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now.AddSeconds(i), temperatureC: 20 + i));
        }

        var batch = _store.Telemetry.PeekBatch(maxSamples: 3, maxBytes: 64 * 1024);

        Assert.Equal([20.0, 21.0, 22.0], batch.Select(e => e.Sample.Values[ValueNames.TemperatureC]));
        Assert.True(batch[0].Id < batch[1].Id && batch[1].Id < batch[2].Id);
    }

    [Fact]
    public void A_batch_stops_before_it_would_pass_the_byte_limit()
    {
        var sample = Samples.Environment(Now);
        var size = JsonBytes(sample);
        for (var i = 0; i < 5; i++)
        {
            _store.Telemetry.Append(sample);
        }

        // Room for two samples and the comma between them, not for a third.
        var batch = _store.Telemetry.PeekBatch(maxSamples: 10, maxBytes: (2 * size) + 1 + (size / 2));

        Assert.Equal(2, batch.Count);
        Assert.All(batch, e => Assert.Equal(size, e.Bytes));
    }

    [Fact]
    public void A_sample_larger_than_the_byte_limit_still_goes_out_alone_rather_than_blocking_the_outbox()
    {
        _store.Telemetry.Append(Samples.Environment(Now));
        _store.Telemetry.Append(Samples.Environment(Now));

        var batch = _store.Telemetry.PeekBatch(maxSamples: 10, maxBytes: 10);

        Assert.Single(batch);
    }

    [Fact]
    public void Peeking_does_not_remove_anything()
    {
        _store.Telemetry.Append(Samples.Environment(Now));

        _store.Telemetry.PeekBatch(10, 64 * 1024);

        Assert.Single(_store.Telemetry.PeekBatch(10, 64 * 1024));
    }

    [Fact]
    public void Remove_removes_only_the_entries_it_was_given()
    {
        for (var i = 0; i < 4; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now.AddSeconds(i), temperatureC: 20 + i));
        }

        var batch = _store.Telemetry.PeekBatch(10, 64 * 1024);
        _store.Telemetry.Remove([batch[0], batch[2]]);

        var left = _store.Telemetry.PeekBatch(10, 64 * 1024);
        Assert.Equal([21.0, 23.0], left.Select(e => e.Sample.Values[ValueNames.TemperatureC]));
        var figures = _store.Telemetry.Figures();
        Assert.Equal(2, figures.Depth);
        Assert.Equal(left.Sum(e => (long)e.Bytes), figures.Bytes);
    }

    [Fact]
    public void Removing_a_batch_twice_or_after_a_restart_does_not_upset_the_figures()
    {
        for (var i = 0; i < 3; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now.AddSeconds(i)));
        }

        var batch = _store.Telemetry.PeekBatch(2, 64 * 1024);
        _store.Telemetry.Remove(batch);
        _store.Telemetry.Remove(batch);

        var figures = _store.Telemetry.Figures();
        Assert.Equal(1, figures.Depth);
        Assert.Equal(_store.CountTelemetryRows().Bytes, figures.Bytes);
    }

    [Fact]
    public async Task Appending_wakes_a_publisher_waiting_for_samples()
    {
        using var cancel = new CancellationTokenSource(Timeouts.Test);
        var waiting = _store.Telemetry.WaitForAppendAsync(cancel.Token).AsTask();
        Assert.False(waiting.IsCompleted);

        _store.Telemetry.Append(Samples.Environment(Now));

        await waiting.WaitAsync(Timeouts.Test);
    }

    public void Dispose() => _store.Dispose();

    internal static int JsonBytes(Sample sample) => JsonSerializer.SerializeToUtf8Bytes(sample, WireJsonContext.Default.Sample).Length;

    private static void AssertSameSample(Sample expected, Sample actual)
    {
        Assert.Equal(WireTime.Truncate(expected.T), actual.T);
        Assert.Equal(expected.Sensor, actual.Sensor);
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Values.OrderBy(v => v.Key, StringComparer.Ordinal), actual.Values.OrderBy(v => v.Key, StringComparer.Ordinal));
        Assert.Equal(expected.Clock, actual.Clock);
    }
}
