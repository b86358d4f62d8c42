namespace Pontive.Iot.Contracts.Payloads;

/// <summary>Cloud to device, retained on the device's <c>config</c> topic: what the device needs to work offline.</summary>
public sealed record ConfigMessage
{
    public int V { get; init; } = WireLimits.Version;

    public required DateTimeOffset T { get; init; }

    /// <summary>The waste bank's price table; absent for devices without a kiosk (parks).</summary>
    public PriceTable? PriceTable { get; init; }
}
