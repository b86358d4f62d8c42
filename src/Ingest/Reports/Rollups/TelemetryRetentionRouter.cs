using System.Runtime.CompilerServices;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>
/// Writes raw telemetry to its own retention policy (kept <c>Reports:RawRetention</c>) and everything else (deposits,
/// voids, statuses: the ledger, which must never expire) where Ingest writes by default. InfluxDB 1.x takes one
/// retention policy per write, so a batch becomes at most two writes; if either fails the batch is retried whole,
/// which stores nothing twice (a point written again is the same point).
/// </summary>
public sealed partial class TelemetryRetentionRouter : IPointWriter
{
    private readonly IPointWriter _ledger;
    private readonly IPointWriter _raw;
    private readonly RollupSetup _setup;
    private readonly TimeSpan _retention;
    private readonly ILogger _logger;

    public TelemetryRetentionRouter(IPointWriter ledger, IPointWriter raw, RollupSetup setup, TimeSpan retention, ILogger<TelemetryRetentionRouter> logger)
    {
        _ledger = ledger;
        _raw = raw;
        _setup = setup;
        _retention = retention;
        _logger = logger;
    }

    public string Destination => $"{_ledger.Destination} (raw telemetry: {_raw.Destination})";

    public async Task WriteAsync(IReadOnlyList<PointData> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        var ledger = new List<PointData>();
        var raw = new List<PointData>();
        foreach (var point in points)
        {
            (ReportSchema.LedgerMeasurements.Contains(MeasurementOf(point)) ? ledger : raw).Add(point);
        }

        if (raw.Count > 0)
        {
            await WriteRawAsync(raw, cancellationToken).ConfigureAwait(false);
        }

        if (ledger.Count > 0)
        {
            await _ledger.WriteAsync(ledger, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The measurement a point was built with.</summary>
    public static string MeasurementOf(PointData point)
    {
        ArgumentNullException.ThrowIfNull(point);
        try
        {
            // PointData keeps its measurement private; reading the field avoids writing every point's line twice.
            return MeasurementField(point);
        }
        catch (MissingFieldException)
        {
            // A later InfluxDB.Client renamed the field: fall back to the line's first part (no escapes in our names).
            var line = point.ToLineProtocol();
            var end = line.IndexOfAny([',', ' ']);
            return end < 0 ? line : line[..end];
        }
    }

    private async Task WriteRawAsync(List<PointData> raw, CancellationToken cancellationToken)
    {
        try
        {
            await _raw.WriteAsync(raw, cancellationToken).ConfigureAwait(false);
        }
        catch (InfluxWriteException ex) when (ex.StatusCode == 400 && ex.Message.Contains("points beyond retention policy dropped", StringComparison.Ordinal))
        {
            // Samples older than the raw retention would be deleted within the hour anyway; the batch's others are stored.
            var dropped = DroppedCount().Match(ex.Message);
            ReportsLog.PointsBeyondRetention(_logger, dropped.Success ? dropped.Groups[1].Value : "some", _retention);
        }
        catch (InfluxWriteException ex) when (ex.Message.Contains("retention policy not found", StringComparison.Ordinal))
        {
            // The policy is missing (a new database, or dropped by hand): put it back, then let the caller retry.
            try
            {
                await _setup.EnsureAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Influx.InfluxQueryException setupError)
            {
                throw new InfluxWriteException($"{ex.Message}; setting it up failed: {setupError.Message}", isRetryable: true, inner: ex);
            }

            throw new InfluxWriteException(ex.Message, isRetryable: true, inner: ex);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("dropped=([0-9]+)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex DroppedCount();

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_measurementName")]
    private static extern ref string MeasurementField(PointData point);
}
