using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.EdgeAgent.Outbox;

/// <summary>A sample waiting in the outbox, with the row id that confirms it.</summary>
public sealed record OutboxEntry(long Id, Sample Sample, int Bytes);
