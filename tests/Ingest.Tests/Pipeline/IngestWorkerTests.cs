using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Pipeline;

/// <summary>
/// The promise behind every acknowledgement: a message is settled (and so acknowledged to the device or broker)
/// only once its points are in InfluxDB or it is kept as a dead letter; batches stay within the configured size;
/// one bad message does not take its batch down with it.
/// </summary>
public sealed class IngestWorkerTests
{
    [Fact]
    public async Task A_message_is_settled_as_stored_only_after_InfluxDB_has_taken_its_points()
    {
        await using var pipeline = new PipelineUnderTest();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Influx.Answer = _ => release.Task;
        await pipeline.StartAsync();

        var message = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.Telemetry);
        var write = await pipeline.Influx.NextCallAsync();

        // The sample's line, and the message's telemetry_batch line (its seq).
        Assert.Equal(2, write.Lines.Count);
        Assert.StartsWith("environment,", write.Lines[0], StringComparison.Ordinal);
        Assert.False(message.Completion.IsCompleted, "settled while the write was still in flight");

        release.SetResult();
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(message));
        Assert.Equal(1, pipeline.Statistics.Stored);
    }

    [Fact]
    public async Task Nothing_is_settled_while_InfluxDB_keeps_failing_and_everything_once_it_recovers()
    {
        await using var pipeline = new PipelineUnderTest();
        var influxIsDown = true;
        pipeline.Influx.Answer = _ => Volatile.Read(ref influxIsDown) ? Task.FromException(ScriptedPointWriter.Unavailable()) : Task.CompletedTask;
        var telemetry = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.Telemetry);
        var deposit = await pipeline.EnqueueAsync(WirePayloads.DepositTopic, WirePayloads.Deposit);
        await pipeline.StartAsync();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            var backoff = await pipeline.Time.NextWaitAsync();
            Assert.False(telemetry.Completion.IsCompleted);
            Assert.False(deposit.Completion.IsCompleted);
            pipeline.Time.Advance(backoff);
        }

        Volatile.Write(ref influxIsDown, false);
        pipeline.Time.Advance(await pipeline.Time.NextWaitAsync());

        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(telemetry));
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(deposit));
        Assert.Equal(0, pipeline.DeadLetters.Count());
        Assert.All(pipeline.Influx.Writes, w => Assert.Equal(3, w.Count));
    }

    [Fact]
    public async Task Messages_that_arrive_together_are_written_in_one_request()
    {
        await using var pipeline = new PipelineUnderTest(maxBatchLines: 5000);
        var messages = new List<InboundMessage>();
        for (var i = 0; i < 10; i++)
        {
            messages.Add(await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(1, sensor: $"lux-{i}")));
        }

        await pipeline.StartAsync();

        foreach (var message in messages)
        {
            Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(message));
        }

        // Each message: its sample and its telemetry_batch line.
        Assert.Equal(20, Assert.Single(pipeline.Influx.Writes).Count);
    }

    [Fact]
    public async Task A_batch_never_holds_more_lines_than_the_configured_maximum()
    {
        await using var pipeline = new PipelineUnderTest(maxBatchLines: 5);
        var messages = new List<InboundMessage>();
        foreach (var samples in new[] { 2, 2, 2, 3, 1, 4, 2 })
        {
            messages.Add(await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(samples, sensor: $"lux-{messages.Count}")));
        }

        await pipeline.StartAsync();

        foreach (var message in messages)
        {
            Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(message));
        }

        var writes = pipeline.Influx.Writes;
        Assert.All(writes, w => Assert.InRange(w.Count, 1, 5));
        // 16 samples and 7 telemetry_batch lines.
        Assert.Equal(23, writes.Sum(w => w.Count));
        Assert.Equal(23, writes.SelectMany(w => w).Distinct().Count());
    }

    [Fact]
    public async Task A_message_with_more_samples_than_the_maximum_is_written_whole_and_on_its_own()
    {
        await using var pipeline = new PipelineUnderTest(maxBatchLines: 5);
        var small = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(2, sensor: "lux-1"));
        var large = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(8, sensor: "lux-2"));
        var after = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(1, sensor: "lux-3"));

        await pipeline.StartAsync();

        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(small));
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(large));
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(after));
        Assert.Contains(pipeline.Influx.Writes, w => w.Count == 9 && w.All(l => l.Contains("sensor=lux-2", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task When_InfluxDB_refuses_a_batch_for_good_the_bad_message_is_found_and_the_rest_stored()
    {
        await using var pipeline = new PipelineUnderTest();
        pipeline.Influx.Answer = lines => lines.Any(l => l.Contains("sensor=lux-bad", StringComparison.Ordinal))
            ? Task.FromException(ScriptedPointWriter.Refused("partial write: field type conflict"))
            : Task.CompletedTask;
        var before = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(2, sensor: "lux-1"));
        var bad = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(1, sensor: "lux-bad"));
        var after = await pipeline.EnqueueAsync(WirePayloads.DepositTopic, WirePayloads.Deposit);

        await pipeline.StartAsync();

        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(before));
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(after));
        var refused = await Settled.Outcome(bad);
        Assert.False(refused.IsStored);
        Assert.Equal(RejectionCode.StorageRefused, refused.Rejection!.Code);

        var letter = Assert.Single(pipeline.DeadLetters.List(10));
        Assert.Equal("storage_refused", letter.Code);
        Assert.Contains("field type conflict", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(WirePayloads.LightTelemetry(1, sensor: "lux-bad"), System.Text.Encoding.UTF8.GetString(letter.Payload));
        Assert.Equal(2, pipeline.Statistics.Stored);
        Assert.Equal(1, pipeline.Statistics.Rejected);
    }

    [Fact]
    public async Task A_permanent_refusal_of_a_single_message_is_not_retried()
    {
        await using var pipeline = new PipelineUnderTest();
        pipeline.Influx.Answer = _ => Task.FromException(ScriptedPointWriter.Refused());
        var message = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.Telemetry);

        await pipeline.StartAsync();

        Assert.Equal(RejectionCode.StorageRefused, (await Settled.Outcome(message)).Rejection!.Code);
        Assert.InRange(pipeline.Influx.Writes.Count, 1, 2);
        Assert.True(pipeline.Time.NoWaitStarted);
    }

    [Fact]
    public async Task An_invalid_message_is_kept_as_a_dead_letter_and_settled_as_refused_without_a_write()
    {
        await using var pipeline = new PipelineUnderTest();
        const string broken = """{"v":1,"seq":3,"samples":[""";
        var message = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, broken);

        await pipeline.StartAsync();

        var outcome = await Settled.Outcome(message);
        Assert.False(outcome.IsStored);
        Assert.Equal(RejectionCode.InvalidJson, outcome.Rejection!.Code);
        Assert.Empty(pipeline.Influx.Writes);
        var letter = Assert.Single(pipeline.DeadLetters.List(10));
        Assert.Equal("invalid_json", letter.Code);
        Assert.Equal(WirePayloads.TelemetryTopic, letter.Topic);
        Assert.Equal(broken, System.Text.Encoding.UTF8.GetString(letter.Payload));
    }

    [Fact]
    public async Task Invalid_messages_among_valid_ones_stay_out_of_the_write()
    {
        await using var pipeline = new PipelineUnderTest();
        var good = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.LightTelemetry(1, sensor: "lux-1"));
        var wrongChannel = await pipeline.EnqueueAsync("pontive/v1/bank-sungai-jawi/scale-01/config", WirePayloads.Status);
        var outOfRange = await pipeline.EnqueueAsync(WirePayloads.DepositTopic,
            WirePayloads.Deposit.Replace("\"value_idr\":7035", "\"value_idr\":9999", StringComparison.Ordinal));
        var alsoGood = await pipeline.EnqueueAsync(WirePayloads.StatusTopic, WirePayloads.Status);

        await pipeline.StartAsync();

        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(good));
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(alsoGood));
        Assert.Equal(RejectionCode.InvalidTopic, (await Settled.Outcome(wrongChannel)).Rejection!.Code);
        Assert.Equal(RejectionCode.ValueMismatch, (await Settled.Outcome(outOfRange)).Rejection!.Code);
        var write = Assert.Single(pipeline.Influx.Writes);
        Assert.Equal(3, write.Count);
        Assert.DoesNotContain(write, l => l.StartsWith("deposit", StringComparison.Ordinal));
        Assert.Equal(2, pipeline.DeadLetters.Count());
    }

    [Fact]
    public async Task Stored_deposits_are_announced_with_their_ids_after_the_write_for_the_acknowledgement_to_the_device()
    {
        await using var pipeline = new PipelineUnderTest();
        var announced = new TaskCompletionSource<IReadOnlyList<InterpretedMessage>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writesAtAnnouncement = -1;
        pipeline.Notifications.Stored += messages =>
        {
            writesAtAnnouncement = pipeline.Influx.Writes.Count;
            announced.TrySetResult(messages);
        };
        await pipeline.EnqueueAsync(WirePayloads.DepositTopic, WirePayloads.Deposit);

        await pipeline.StartAsync();

        var stored = Assert.Single(await announced.Task.WaitAsync(Timeouts.Test));
        Assert.Equal("01JDX3W6Q8Z2M4N5P6R7S8T9V0", stored.AckId);
        Assert.Equal(1, writesAtAnnouncement);
    }

    [Fact]
    public async Task Received_stored_and_rejected_messages_are_counted_for_health()
    {
        await using var pipeline = new PipelineUnderTest();
        var good = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, WirePayloads.Telemetry);
        var bad = await pipeline.EnqueueAsync(WirePayloads.TelemetryTopic, "not json");

        await pipeline.StartAsync();
        await Settled.Outcome(good);
        await Settled.Outcome(bad);

        Assert.Equal(2, pipeline.Statistics.Received);
        Assert.Equal(1, pipeline.Statistics.Stored);
        Assert.Equal(1, pipeline.Statistics.Rejected);
        Assert.Equal(1, pipeline.Statistics.RejectedByCode["invalid_json"]);
        // The sample's point and the message's telemetry_batch point.
        Assert.Equal(2, pipeline.Statistics.PointsWritten);
    }
}
