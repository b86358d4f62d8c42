namespace Pontive.Iot.Contracts.Payloads;

/// <summary>A batch of samples from one device; the outbox replays many at once.</summary>
public sealed record TelemetryMessage
{
    public int V { get; init; } = WireLimits.Version;

    /// <summary>Per-device message number, strictly increasing across restarts, so gaps are visible.</summary>
    public required long Seq { get; init; }

    public required IReadOnlyList<Sample> Samples { get; init; }
}
