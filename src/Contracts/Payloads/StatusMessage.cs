namespace Pontive.Iot.Contracts.Payloads;

/// <summary>A device's health, retained by the broker; with <c>state = offline</c> it is also the last will.</summary>
public sealed record StatusMessage
{
    public const string Online = "online";
    public const string Offline = "offline";

    public int V { get; init; } = WireLimits.Version;

    public required DateTimeOffset T { get; init; }

    public required string State { get; init; }

    public string? Version { get; init; }

    public long? UptimeS { get; init; }

    public string? Clock { get; init; }

    public OutboxFigures? Outbox { get; init; }
}
