namespace Pontive.Iot.Bench.Backlog;

/// <summary>One run's choices, from the command line.</summary>
internal sealed record BenchSettings(
    int Messages,
    int SamplesPerMessage,
    int MaxUnacknowledged,
    int MaxBatchLines,
    BrokerAddress Broker,
    Uri InfluxDbUrl,
    TimeSpan Timeout,
    IReadOnlyList<int> ServerPids,
    string? ResultsFile)
{
    /// <summary>Client ids and the database carry it, so a run never meets a session or points an earlier run left.</summary>
    public string RunId { get; } = $"{DateTime.UtcNow:yyyyMMddHHmmss}{Guid.NewGuid().ToString("N")[..6]}";
}
