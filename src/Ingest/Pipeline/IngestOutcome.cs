using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>What became of a message: its points are stored, or it was refused and kept as a dead letter.</summary>
public sealed record IngestOutcome(bool IsStored, Rejection? Rejection)
{
    public static IngestOutcome Stored { get; } = new(true, null);

    public static IngestOutcome Refused(Rejection rejection) => new(false, rejection);
}
