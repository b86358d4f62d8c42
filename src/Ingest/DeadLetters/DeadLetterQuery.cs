namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>Which dead letters to list or replay; every condition given must hold.</summary>
public sealed record DeadLetterQuery
{
    /// <summary>Only this rejection code (its wire name, e.g. <c>storage_refused</c>).</summary>
    public string? Code { get; init; }

    /// <summary>Only these dead letters; empty or null for any.</summary>
    public IReadOnlyCollection<long>? Ids { get; init; }

    /// <summary>Only those received at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    public ReplayState State { get; init; } = ReplayState.Any;
}

/// <summary>Dead letters by what replays made of them.</summary>
public enum ReplayState
{
    Any,

    /// <summary>Never replayed, or replayed and refused again: still waiting for their points to be stored.</summary>
    NotStoredByReplay,

    /// <summary>Replayed, and InfluxDB took their points.</summary>
    StoredByReplay,
}

/// <summary>One replay in a dead letter's audit trail, with the verdict it had until then.</summary>
public sealed record ReplayRecord(DateTimeOffset At, ReplayOutcome Outcome, string CodeBefore, string ReasonBefore);
