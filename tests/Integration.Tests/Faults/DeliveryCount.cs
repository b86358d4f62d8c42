namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// How one kind of message (deposits, telemetry) fared in a fault test, from the device's ledger to InfluxDB.
/// Published: what the device recorded or sampled. Stored: what InfluxDB holds. Dropped: what was given up on purpose
/// and counted (telemetry past the outbox's cap or age; deposits the city refused for good). Waiting: still in the
/// device's outbox at the end. Lost: none of these. Duplicated: counted more than once in InfluxDB.
/// </summary>
public sealed record DeliveryCount(string Kind, long Published, long Stored, long Dropped, long Waiting, long Lost, long Duplicated)
{
    public override string ToString() =>
        $"{Kind}: published {Published}, stored {Stored}, dropped {Dropped}, waiting {Waiting}, lost {Lost}, duplicated {Duplicated}";
}

/// <summary>A fault test's result: the counts of both kinds, and the device's ledger they were counted from.</summary>
public sealed record FaultOutcome(DeliveryCount Deposits, DeliveryCount Telemetry, AgentLedger Ledger)
{
    /// <summary>What earlier counts said when they differed from this one, and where telemetry is missing: for the reader of a failure.</summary>
    public IReadOnlyList<string> Recounts { get; init; } = [];
}
