namespace Pontive.Iot.Contracts.Payloads;

/// <summary>One weighed deposit at a waste bank. Money depends on it: never lost, never counted twice.</summary>
public sealed record DepositMessage
{
    public int V { get; init; } = WireLimits.Version;

    /// <summary>A ULID made on the device when the operator recorded the deposit: the idempotency key end to end.</summary>
    public required string Id { get; init; }

    public required DateTimeOffset T { get; init; }

    /// <summary>The member's number; names never travel.</summary>
    public required string Member { get; init; }

    public required string Category { get; init; }

    public required decimal MassKg { get; init; }

    public required long UnitPriceIdr { get; init; }

    /// <summary><see cref="MassKg"/> × <see cref="UnitPriceIdr"/>, rounded to the rupiah (see <see cref="DepositValue"/>).</summary>
    public required long ValueIdr { get; init; }

    public required string Operator { get; init; }

    /// <summary>The version of the price table the unit price came from.</summary>
    public required string PriceTable { get; init; }

    /// <summary>The audit trail: raw counts, tare and calibration, so the weight can be recomputed.</summary>
    public required ScaleReading Scale { get; init; }
}
