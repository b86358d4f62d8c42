using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Pipeline;

/// <summary>One device gone wrong cannot flood the ingestor: past its rate and burst its messages are refused and kept.</summary>
public sealed class DeviceRateLimitTests
{
    [Fact]
    public async Task Past_its_burst_a_device_is_refused_with_rate_limited_and_the_excess_is_kept_while_others_are_stored()
    {
        await using var pipeline = new PipelineUnderTest(deviceRateLimit: 1, deviceRateBurst: 3);
        var flood = new List<InboundMessage>();
        for (var i = 0; i < 5; i++)
        {
            flood.Add(await pipeline.EnqueueAsync("pontive/v1/park-x/noisy-01/telemetry", WirePayloads.LightTelemetry(1, sensor: $"lux-{i}")));
        }

        var neighbour = await pipeline.EnqueueAsync("pontive/v1/park-x/quiet-01/telemetry", WirePayloads.LightTelemetry(1, sensor: "lux-q"));
        await pipeline.StartAsync();

        var outcomes = new List<IngestOutcome>();
        foreach (var message in flood)
        {
            outcomes.Add(await Settled.Outcome(message));
        }

        Assert.Equal(3, outcomes.Count(o => o.IsStored));
        Assert.All(outcomes.Where(o => !o.IsStored), o => Assert.Equal(RejectionCode.RateLimited, o.Rejection!.Code));
        Assert.Equal(IngestOutcome.Stored, await Settled.Outcome(neighbour));
        Assert.Equal(2, pipeline.DeadLetters.List(10, "rate_limited").Count);
        Assert.Equal(2, pipeline.Statistics.RejectedByCode["rate_limited"]);
    }

    [Fact]
    public void The_bucket_refills_at_the_rate_on_the_clock()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var limiter = new DeviceRateLimiter(Microsoft.Extensions.Options.Options.Create(new Pontive.Iot.Ingest.Configuration.IngestOptions { DeviceRateLimit = 2, DeviceRateBurst = 2 }), time);

        Assert.True(limiter.TryAcquire("park-x/dev-1"));
        Assert.True(limiter.TryAcquire("park-x/dev-1"));
        Assert.False(limiter.TryAcquire("park-x/dev-1"));

        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.True(limiter.TryAcquire("park-x/dev-1"));
        Assert.False(limiter.TryAcquire("park-x/dev-1"));
        Assert.True(limiter.TryAcquire("park-x/dev-2"));
    }
}
