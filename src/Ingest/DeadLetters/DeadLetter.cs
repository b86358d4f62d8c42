namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>A refused message as it arrived, with why it was refused.</summary>
public sealed record DeadLetter(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? ClientId,
    string Code,
    string Reason,
    int PayloadBytes,
    byte[] Payload);
