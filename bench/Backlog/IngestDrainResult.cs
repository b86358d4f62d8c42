namespace Pontive.Iot.Bench.Backlog;

/// <summary>The Ingest drain and what InfluxDB holds afterwards.</summary>
internal sealed record IngestDrainResult(
    DrainMeasurement Drain,
    long ExpectedPoints,
    long FoundPoints,
    long StoredMessages,
    long RefusedMessages,
    long Writes,
    TimeSpan FirstStoredAfter)
{
    public double PointRate => FoundPoints / Drain.DrainTime.TotalSeconds;

    public bool AllPointsArrived => FoundPoints == ExpectedPoints && RefusedMessages == 0;
}
