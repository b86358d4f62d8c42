using System.ComponentModel.DataAnnotations;

namespace Pontive.Iot.Ingest.Configuration;

public enum InfluxApi
{
    /// <summary>InfluxDB 1.x: line protocol to <c>/write</c> with a database and retention policy.</summary>
    V1,

    /// <summary>InfluxDB 2.x or 3.x: InfluxDB.Client's write API with an org, a bucket and a token.</summary>
    V2,
}

/// <summary>Where points are stored: section <c>InfluxDb</c>.</summary>
public sealed class InfluxDbOptions
{
    public const string Section = "InfluxDb";

    public InfluxApi Api { get; set; } = InfluxApi.V1;

    [Required]
    [Url]
    public string Url { get; set; } = "http://127.0.0.1:8086";

    /// <summary>V1: the database; created at start when missing and <see cref="CreateDatabase"/> is on.</summary>
    public string Database { get; set; } = "pontive";

    /// <summary>V1: the retention policy to write into; empty means the database's default.</summary>
    public string? RetentionPolicy { get; set; }

    /// <summary>V1: user name, when InfluxDB has authentication on.</summary>
    public string? Username { get; set; }

    /// <summary>V1: password, when InfluxDB has authentication on.</summary>
    public string? Password { get; set; }

    /// <summary>V1: create the database when InfluxDB says it does not exist.</summary>
    public bool CreateDatabase { get; set; } = true;

    /// <summary>V2: the organisation.</summary>
    public string? Org { get; set; }

    /// <summary>V2: the bucket.</summary>
    public string? Bucket { get; set; }

    /// <summary>V2: an API token with write access to the bucket.</summary>
    public string? Token { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
