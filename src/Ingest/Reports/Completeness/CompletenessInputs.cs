namespace Pontive.Iot.Ingest.Reports.Completeness;

/// <summary>Samples of one sensor in one counting bucket (an hour or a WIB day).</summary>
public sealed record SampleCount(string Site, string Device, string Sensor, string Kind, DateTimeOffset Bucket, long Samples);

/// <summary>The newest sample of one sensor before the end of the range.</summary>
public sealed record SensorLastSeen(string Site, string Device, string Sensor, string Kind, DateTimeOffset Time);

/// <summary>The newest status of one device before the end of the range.</summary>
public sealed record StatusLastSeen(string Site, string Device, string? State, DateTimeOffset Time);

/// <summary>The message numbers one device sent in one WIB day: lowest, highest and how many.</summary>
public sealed record SeqDay(string Site, string Device, DateTimeOffset Day, long MinSeq, long MaxSeq, long Count);

/// <summary>Everything the completeness report is computed from.</summary>
public sealed record CompletenessInputs(
    IReadOnlyList<SampleCount> Counts,
    TimeSpan Bucket,
    IReadOnlyList<SensorLastSeen> SensorsLastSeen,
    IReadOnlyList<StatusLastSeen> Statuses,
    IReadOnlyList<SeqDay> SeqDays);
