namespace Pontive.Iot.Contracts.Payloads;

/// <summary>Cloud to device: these deposit ids are now stored in InfluxDB.</summary>
public sealed record AckMessage
{
    public int V { get; init; } = WireLimits.Version;

    public required DateTimeOffset T { get; init; }

    public required IReadOnlyList<string> Ids { get; init; }
}
