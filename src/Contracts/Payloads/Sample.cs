using System.Text.Json.Serialization;

namespace Pontive.Iot.Contracts.Payloads;

/// <summary>One reading of one sensor at one time.</summary>
public sealed record Sample
{
    public required DateTimeOffset T { get; init; }

    /// <summary>The sensor's id on its device, for example <c>env-1</c>; an InfluxDB tag.</summary>
    public required string Sensor { get; init; }

    /// <summary>A kind of <see cref="SensorKinds"/>; the InfluxDB measurement.</summary>
    public required string Kind { get; init; }

    public required IReadOnlyDictionary<string, double> Values { get; init; }

    /// <summary><c>unsynced</c> when the sample was taken before the device's clock was trusted; otherwise absent.</summary>
    public string? Clock { get; init; }

    /// <summary>A convenience for the ingestor; not a wire field (the wire carries <see cref="Clock"/> only).</summary>
    [JsonIgnore]
    public bool IsClockUnsynced => Clock == ClockState.Unsynced;
}
