using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Configuration;

/// <summary>Where refused messages are kept for inspection: section <c>DeadLetters</c>.</summary>
public sealed class DeadLetterOptions
{
    public const string Section = "DeadLetters";

    /// <summary>SQLite file; a relative path is under <c>Ingest:DataDirectory</c>.</summary>
    [Required]
    public string Path { get; set; } = "dead-letters.db";

    /// <summary>The most messages kept; the oldest go first, so a misbehaving device cannot fill the disk.</summary>
    [Range(100, 100_000_000)]
    public int MaxKept { get; set; } = 100_000;

    /// <summary>Per device and reason, one log line per window; the rest are counted and summarised.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LogWindow { get; set; } = TimeSpan.FromMinutes(1);
}
