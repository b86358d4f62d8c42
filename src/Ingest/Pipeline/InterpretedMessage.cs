using InfluxDB.Client.Writes;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>A message turned into the points it stands for, or into the reason it is refused.</summary>
public sealed record InterpretedMessage(
    InboundMessage Inbound,
    DeviceTopic? Topic,
    IReadOnlyList<PointData> Points,
    Rejection? Rejection)
{
    /// <summary>
    /// For a deposit or a correction: its id, which the device waits to hear back on its <c>ack</c> channel once the
    /// message is stored.
    /// </summary>
    public string? AckId { get; init; }

    public bool IsValid => Rejection is null;
}
