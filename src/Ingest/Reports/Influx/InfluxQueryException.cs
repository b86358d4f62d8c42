namespace Pontive.Iot.Ingest.Reports.Influx;

/// <summary>InfluxDB refused a report's query, or could not be reached (<see cref="IsUnreachable"/>).</summary>
public sealed class InfluxQueryException : Exception
{
    public InfluxQueryException()
    {
    }

    public InfluxQueryException(string message)
        : base(message)
    {
    }

    public InfluxQueryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public InfluxQueryException(string message, bool isUnreachable, Exception? inner = null)
        : base(message, inner)
    {
        IsUnreachable = isUnreachable;
    }

    /// <summary>True when InfluxDB did not answer (down, network, timeout) rather than refusing the query.</summary>
    public bool IsUnreachable { get; }
}
