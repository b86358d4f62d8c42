using Microsoft.Extensions.Logging.Abstractions;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.DeadLetters;

/// <summary>
/// Replaying dead letters through the real pipeline: once InfluxDB takes them again they are written and the device's
/// deposit is announced as stored; still refused, they stay dead letters with the new reason; a message refused for
/// its own fault is not replayed unless forced; nothing is replayed twice.
/// </summary>
public sealed class DeadLetterReplayerTests
{
    private static readonly InfluxWriteException Forbidden =
        new("InfluxDB answered 403: {\"error\":\"user is not authorized to write to database pontive\"}", isRetryable: false, statusCode: 403);

    [Fact]
    public async Task A_deposit_refused_for_a_wrong_token_is_written_and_announced_as_stored_when_replayed_after_the_fix()
    {
        await using var pipeline = await StartAsync();
        var refused = await RefusedAsync(pipeline, WirePayloads.DepositTopic, WirePayloads.Deposit);
        var announced = new TaskCompletionSource<InterpretedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Notifications.Stored += messages => announced.TrySetResult(Assert.Single(messages));
        pipeline.Influx.Answer = _ => Task.CompletedTask;

        var report = await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);

        Assert.Equal([new ReplayedLetter(refused.Id, WirePayloads.DepositTopic, "stored", "storage_refused", refused.Reason)], report.Letters);
        var write = pipeline.Influx.Writes[^1];
        Assert.StartsWith("deposit,category=plastic-pet,device=scale-01,site=bank-sungai-jawi ", Assert.Single(write), StringComparison.Ordinal);
        Assert.Equal("01JDX3W6Q8Z2M4N5P6R7S8T9V0", (await announced.Task.WaitAsync(Timeouts.Test)).AckId);
        var letter = Assert.Single(pipeline.DeadLetters.List(10));
        Assert.Equal((ReplayOutcome.Stored, 1), (letter.LastReplay!.Outcome, letter.LastReplay.Count));
        Assert.Equal(pipeline.Time.GetUtcNow(), letter.LastReplay.At);
    }

    [Fact]
    public async Task A_second_replay_sends_nothing()
    {
        await using var pipeline = await StartAsync();
        await RefusedAsync(pipeline, WirePayloads.DepositTopic, WirePayloads.Deposit);
        pipeline.Influx.Answer = _ => Task.CompletedTask;
        await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);
        var writes = pipeline.Influx.Writes.Count;

        var again = await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);

        Assert.Empty(again.Letters);
        Assert.Equal(writes, pipeline.Influx.Writes.Count);
    }

    [Fact]
    public async Task Named_by_its_id_a_dead_letter_already_stored_by_a_replay_is_reported_not_sent_again()
    {
        await using var pipeline = await StartAsync();
        var refused = await RefusedAsync(pipeline, WirePayloads.DepositTopic, WirePayloads.Deposit);
        pipeline.Influx.Answer = _ => Task.CompletedTask;
        await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);
        var writes = pipeline.Influx.Writes.Count;

        var again = await Replayer(pipeline).ReplayAsync(new ReplayRequest { Ids = [refused.Id] }, CancellationToken.None);

        var skipped = Assert.Single(again.Letters);
        Assert.Equal("skipped", skipped.Outcome);
        Assert.StartsWith("already stored by a replay at 2026-11-28 03:15:00Z", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(writes, pipeline.Influx.Writes.Count);
    }

    [Fact]
    public async Task Refused_again_it_stays_one_dead_letter_with_the_new_reason()
    {
        await using var pipeline = await StartAsync();
        var refused = await RefusedAsync(pipeline, WirePayloads.TelemetryTopic, WirePayloads.Telemetry);
        pipeline.Influx.Answer = _ => Task.FromException(ScriptedPointWriter.Refused("field type conflict: input field \"temperature_c\" is type float, already exists as type string"));

        var report = await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);

        var replayed = Assert.Single(report.Letters);
        Assert.Equal(("refused", "storage_refused"), (replayed.Outcome, replayed.Code));
        Assert.Contains("field type conflict", replayed.Reason, StringComparison.Ordinal);
        var letter = Assert.Single(pipeline.DeadLetters.List(10));
        Assert.Equal(refused.Id, letter.Id);
        Assert.Contains("field type conflict", letter.Reason, StringComparison.Ordinal);
        Assert.Equal(ReplayOutcome.Refused, letter.LastReplay!.Outcome);
        Assert.Equal(refused.Reason, Assert.Single(pipeline.DeadLetters.Replays(letter.Id)).ReasonBefore);

        // Still waiting: the next replay, once the conflict is resolved, takes it.
        pipeline.Influx.Answer = _ => Task.CompletedTask;
        Assert.Equal("stored", Assert.Single((await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None)).Letters).Outcome);
    }

    [Fact]
    public async Task A_message_refused_for_its_own_fault_is_not_replayed_and_the_admin_is_told_why()
    {
        await using var pipeline = await StartAsync();
        var badJson = await pipeline.EnqueueAsync(WirePayloads.DepositTopic, "{\"v\":1,");
        await Settled.Outcome(badJson);
        var id = pipeline.DeadLetters.LastId();

        var byCode = await Assert.ThrowsAsync<ReplayRequestException>(() => Replayer(pipeline).ReplayAsync(new ReplayRequest { Code = "invalid_json" }, CancellationToken.None));
        var byId = await Replayer(pipeline).ReplayAsync(new ReplayRequest { Ids = [id] }, CancellationToken.None);

        Assert.Contains("invalid_json is the message's own fault", byCode.Message, StringComparison.Ordinal);
        Assert.Contains("refused again for the same reason", byCode.Message, StringComparison.Ordinal);
        Assert.False(byCode.IsConflict);
        var skipped = Assert.Single(byId.Letters);
        Assert.Equal(("skipped", "invalid_json"), (skipped.Outcome, skipped.Code));
        Assert.Null(pipeline.DeadLetters.Find(id)!.LastReplay);
    }

    [Fact]
    public async Task Forced_a_message_refused_for_its_own_fault_is_refused_again_and_kept()
    {
        await using var pipeline = await StartAsync();
        await Settled.Outcome(await pipeline.EnqueueAsync(WirePayloads.DepositTopic, "{\"v\":1,"));

        var report = await Replayer(pipeline).ReplayAsync(new ReplayRequest { Code = "invalid_json", Force = true }, CancellationToken.None);

        Assert.Equal(("refused", "invalid_json"), (Assert.Single(report.Letters).Outcome, report.Letters[0].Code));
        Assert.Equal(1, pipeline.DeadLetters.Count());
    }

    [Fact]
    public async Task An_unknown_code_is_refused()
    {
        await using var pipeline = await StartAsync();

        var refused = await Assert.ThrowsAsync<ReplayRequestException>(() => Replayer(pipeline).ReplayAsync(new ReplayRequest { Code = "storage_refuse" }, CancellationToken.None));

        Assert.Contains("'storage_refuse' is not a rejection code", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_dry_run_sends_and_marks_nothing()
    {
        await using var pipeline = await StartAsync();
        var refused = await RefusedAsync(pipeline, WirePayloads.DepositTopic, WirePayloads.Deposit);
        var writes = pipeline.Influx.Writes.Count;

        var report = await Replayer(pipeline).ReplayAsync(new ReplayRequest { DryRun = true }, CancellationToken.None);

        Assert.True(report.DryRun);
        Assert.Equal([new ReplayedLetter(refused.Id, WirePayloads.DepositTopic, "would_replay", "storage_refused", refused.Reason)], report.Letters);
        Assert.Equal(writes, pipeline.Influx.Writes.Count);
        Assert.Null(pipeline.DeadLetters.Find(refused.Id)!.LastReplay);
    }

    [Fact]
    public async Task Only_those_received_since_the_given_time_are_replayed()
    {
        await using var pipeline = await StartAsync();
        pipeline.Influx.Answer = _ => Task.FromException(Forbidden);
        var early = new InboundMessage(WirePayloads.StatusTopic, WirePayloads.Utf8(WirePayloads.Status), Inbound.ReceivedAt);
        var late = new InboundMessage(WirePayloads.DepositTopic, WirePayloads.Utf8(WirePayloads.Deposit), Inbound.ReceivedAt.AddHours(1));
        foreach (var message in new[] { early, late })
        {
            await pipeline.Backlog.EnqueueAsync(message, CancellationToken.None);
            await Settled.Outcome(message);
        }

        pipeline.Influx.Answer = _ => Task.CompletedTask;

        var report = await Replayer(pipeline).ReplayAsync(new ReplayRequest { Since = Inbound.ReceivedAt.AddMinutes(30) }, CancellationToken.None);

        Assert.Equal([WirePayloads.DepositTopic], report.Letters.Select(l => l.Topic));
    }

    [Fact]
    public async Task Replayed_messages_do_not_count_against_their_device_s_rate()
    {
        await using var pipeline = await StartAsync(deviceRateBurst: 1, deviceRateLimit: 0.001);
        pipeline.Influx.Answer = _ => Task.FromException(Forbidden);
        await RefusedAsync(pipeline, WirePayloads.DepositTopic, WirePayloads.Deposit);
        pipeline.Influx.Answer = _ => Task.CompletedTask;
        var overRate = await pipeline.EnqueueAsync(WirePayloads.DepositTopic, WirePayloads.Deposit);
        Assert.Equal(RejectionCode.RateLimited, (await Settled.Outcome(overRate)).Rejection!.Code);

        var report = await Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);

        Assert.Equal("stored", Assert.Single(report.Letters).Outcome);
    }

    [Fact]
    public async Task One_replay_at_a_time()
    {
        await using var pipeline = await StartAsync();
        await RefusedAsync(pipeline, WirePayloads.DepositTopic, WirePayloads.Deposit);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        pipeline.Influx.Answer = _ => release.Task;
        var first = Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None);
        await pipeline.Influx.NextCallAsync();

        var second = await Assert.ThrowsAsync<ReplayRequestException>(() => Replayer(pipeline).ReplayAsync(new ReplayRequest(), CancellationToken.None));

        Assert.True(second.IsConflict);
        release.SetResult();
        Assert.Equal("stored", Assert.Single((await first.WaitAsync(Timeouts.Test)).Letters).Outcome);
    }

    private static async Task<PipelineUnderTest> StartAsync(double deviceRateLimit = 50, double deviceRateBurst = 1000)
    {
        var pipeline = new PipelineUnderTest(deviceRateLimit: deviceRateLimit, deviceRateBurst: deviceRateBurst);
        await pipeline.StartAsync();
        return pipeline;
    }

    /// <summary>The message, refused by InfluxDB for good (a token without write permission) and kept as a dead letter.</summary>
    private static async Task<DeadLetter> RefusedAsync(PipelineUnderTest pipeline, string topic, string json)
    {
        pipeline.Influx.Answer = _ => Task.FromException(Forbidden);
        var message = await pipeline.EnqueueAsync(topic, json);
        Assert.Equal(RejectionCode.StorageRefused, (await Settled.Outcome(message)).Rejection!.Code);
        return pipeline.DeadLetters.Find(pipeline.DeadLetters.LastId())!;
    }

    private static DeadLetterReplayer Replayer(PipelineUnderTest pipeline) =>
        new(pipeline.DeadLetters, pipeline.Backlog, pipeline.Time, NullLogger<DeadLetterReplayer>.Instance);
}
