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

    /// <summary>
    /// Optional, for people reading the retained status: conditions that need attention, e.g. <c>outbox_nearly_full</c>.
    /// Not part of the InfluxDB schema; v1 readers that do not know it ignore it.
    /// </summary>
    public IReadOnlyList<string>? Warnings { get; init; }

    /// <summary>Optional: each sensor's state by id, <c>ok</c> or <c>failing: reason</c>. Ignored by readers that do not know it.</summary>
    public IReadOnlyDictionary<string, string>? Sensors { get; init; }
}
