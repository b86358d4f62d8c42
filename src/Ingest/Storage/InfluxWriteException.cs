namespace Pontive.Iot.Ingest.Storage;

/// <summary>A failed write, classified where it happened: retry later, or never (the data itself was refused).</summary>
public sealed class InfluxWriteException : Exception
{
    public InfluxWriteException(string message, bool isRetryable, int? statusCode = null, TimeSpan? retryAfter = null, Exception? inner = null)
        : base(message, inner)
    {
        IsRetryable = isRetryable;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public InfluxWriteException()
        : this("InfluxDB write failed", isRetryable: true)
    {
    }

    public InfluxWriteException(string message)
        : this(message, isRetryable: true)
    {
    }

    public InfluxWriteException(string message, Exception inner)
        : this(message, isRetryable: true, inner: inner)
    {
    }

    public bool IsRetryable { get; }

    /// <summary>The HTTP status InfluxDB answered with; null when it could not be reached.</summary>
    public int? StatusCode { get; }

    /// <summary>How long InfluxDB asked us to wait (429, 503 with Retry-After).</summary>
    public TimeSpan? RetryAfter { get; }
}
