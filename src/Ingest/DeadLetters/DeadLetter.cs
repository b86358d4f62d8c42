namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>A refused message as it arrived, with why it was refused (its latest verdict, after any replay).</summary>
public sealed record DeadLetter(
    long Id,
    DateTimeOffset ReceivedAt,
    string Topic,
    string? ClientId,
    string Code,
    string Reason,
    int PayloadBytes,
    byte[] Payload)
{
    /// <summary>The latest replay of this dead letter; null when it was never replayed.</summary>
    public ReplayMark? LastReplay { get; init; }

    /// <summary>False when only the first 64 KiB were kept: the message cannot be sent through the pipeline again.</summary>
    public bool IsComplete => Payload.Length == PayloadBytes;
}

/// <summary>When a dead letter was last replayed, how that ended, and how many times it was replayed in all.</summary>
public sealed record ReplayMark(DateTimeOffset At, ReplayOutcome Outcome, int Count);

/// <summary>How one replay of a dead letter ended.</summary>
public enum ReplayOutcome
{
    /// <summary>InfluxDB took its points: the dead letter is kept only as a record of what happened.</summary>
    Stored,

    /// <summary>Refused again: it stays a dead letter, with the new code and reason.</summary>
    Refused,
}

public static class ReplayOutcomes
{
    public static string WireName(this ReplayOutcome outcome) => outcome switch
    {
        ReplayOutcome.Stored => "stored",
        ReplayOutcome.Refused => "refused",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    public static ReplayOutcome Parse(string wireName) => wireName switch
    {
        "stored" => ReplayOutcome.Stored,
        "refused" => ReplayOutcome.Refused,
        _ => throw new FormatException($"'{wireName}' is not a replay outcome"),
    };
}
