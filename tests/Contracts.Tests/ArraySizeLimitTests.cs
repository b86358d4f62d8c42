using System.Text;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>Arrays are bounded, so a buggy device cannot make the ingestor work through millions of entries.</summary>
public sealed class ArraySizeLimitTests
{
    [Fact]
    public void A_telemetry_message_of_more_than_the_most_samples_is_refused_even_when_built_in_code()
    {
        // On the wire the 64 KiB limit is reached first (a sample is at least ~85 bytes); the count limit guards
        // messages an agent builds itself.
        var sample = new Sample { T = DateTimeOffset.UnixEpoch, Sensor = "a", Kind = "light", Values = new Dictionary<string, double> { ["illuminance_lux"] = 1 } };

        Assert.Null(TelemetryRules.Check(new TelemetryMessage { Seq = 1, Samples = Enumerable.Repeat(sample, WireLimits.MaxSamplesPerMessage).ToList() }));
        var over = TelemetryRules.Check(new TelemetryMessage { Seq = 1, Samples = Enumerable.Repeat(sample, WireLimits.MaxSamplesPerMessage + 1).ToList() });
        Assert.Equal(RejectionCode.InvalidValue, over!.Code);
        Assert.Contains("at most 1000", over.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledgement_of_more_than_the_most_ids_is_refused()
    {
        var ids = string.Join(',', Enumerable.Repeat("\"01JDX3W6Q8Z2M4N5P6R7S8T9V0\"", WireLimits.MaxIdsPerAck + 1));
        var json = $$"""{"v":1,"t":"2026-11-28T03:20:12.004Z","ids":[{{ids}}]}""";

        var decoded = PayloadDecoder.DecodeAck(Encoding.UTF8.GetBytes(json));

        Assert.Equal(RejectionCode.InvalidValue, decoded.Rejection!.Code);
        Assert.Contains("$.ids", decoded.Rejection.Reason, StringComparison.Ordinal);
    }
}
