using InfluxDB.Client.Writes;

namespace Pontive.Iot.Ingest.Storage;

/// <summary>Writes one batch of points to InfluxDB, or throws <see cref="InfluxWriteException"/> saying whether to retry.</summary>
public interface IPointWriter
{
    /// <summary>Where the points go, for logs and /health (no secrets).</summary>
    string Destination { get; }

    Task WriteAsync(IReadOnlyList<PointData> points, CancellationToken cancellationToken);
}
