namespace Pontive.Iot.Contracts.Payloads;

/// <summary>Limits every side of the contract keeps to.</summary>
public static class WireLimits
{
    /// <summary>The largest payload accepted: 64 KiB.</summary>
    public const int MaxPayloadBytes = 64 * 1024;

    /// <summary>The version every v1 payload carries in <c>"v"</c>.</summary>
    public const int Version = 1;

    /// <summary>Nesting deeper than any v1 payload needs is refused before it costs anything.</summary>
    public const int MaxJsonDepth = 16;

    /// <summary>The most samples in one telemetry message (the 64 KiB limit allows a few hundred in practice).</summary>
    public const int MaxSamplesPerMessage = 1000;

    /// <summary>The most deposit ids in one acknowledgement.</summary>
    public const int MaxIdsPerAck = 1000;

    /// <summary>The most categories in a price table.</summary>
    public const int MaxPriceCategories = 200;

    /// <summary>Free-text fields (sensor, operator, version strings) are short on the wire and in InfluxDB.</summary>
    public const int MaxTextLength = 64;
}
