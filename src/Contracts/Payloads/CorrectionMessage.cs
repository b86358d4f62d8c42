namespace Pontive.Iot.Contracts.Payloads;

/// <summary>
/// A deposit voided at the waste bank (wrong category, wrong member, a bag weighed twice). Corrections, never edits:
/// the deposit stays as it was, and this event, with its own id, says it no longer counts. It repeats the voided
/// deposit's time, category, member, mass and value, so reports can net it out without looking the deposit up.
/// </summary>
public sealed record CorrectionMessage
{
    public int V { get; init; } = WireLimits.Version;

    /// <summary>A ULID of its own: the correction's idempotency key.</summary>
    public required string Id { get; init; }

    /// <summary>When the operator voided the deposit.</summary>
    public required DateTimeOffset T { get; init; }

    /// <summary>The voided deposit's id.</summary>
    public required string DepositId { get; init; }

    /// <summary>The voided deposit's time: the correction is stored at this time, beside the deposit.</summary>
    public required DateTimeOffset DepositT { get; init; }

    public required string Category { get; init; }

    public required string Member { get; init; }

    public required decimal MassKg { get; init; }

    public required long ValueIdr { get; init; }

    /// <summary>Why, in the operator's words (at most 200 characters).</summary>
    public required string Reason { get; init; }

    public required string Operator { get; init; }
}
