namespace Pontive.Iot.Contracts.Payloads;

/// <summary>What waits on the device: how much, how old, and what had to be dropped.</summary>
public sealed record OutboxFigures
{
    public required long Depth { get; init; }

    public required long Bytes { get; init; }

    public required long OldestS { get; init; }

    public required long Dropped { get; init; }
}
