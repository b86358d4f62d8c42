using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Configuration;

/// <summary>How messages are batched into InfluxDB writes: section <c>Ingest</c>.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>Folder for Ingest's own files (the dead-letter store). Relative paths are under the working directory.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>The most lines in one write request; InfluxDB writes 5,000-line batches efficiently.</summary>
    [Range(1, 100_000)]
    public int MaxBatchLines { get; set; } = 5000;

    /// <summary>Messages waiting for the writer; when full, receiving waits (back-pressure to the broker).</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    /// <summary>Messages a second one device may send on average; the excess is refused (<c>rate_limited</c>) and kept.</summary>
    [Range(0.1, 100_000)]
    public double DeviceRateLimit { get; set; } = 50;

    /// <summary>Messages one device may send at once above its rate (an outbox replaying a backlog after an outage).</summary>
    [Range(1, 1_000_000)]
    public double DeviceRateBurst { get; set; } = 1000;

    /// <summary>First wait after a failed write; it doubles (with jitter) up to <see cref="RetryDelayMax"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RetryDelayMax { get; set; } = TimeSpan.FromSeconds(30);
}
