using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Http;

/// <summary>
/// <c>GET /health</c>: 200 when the broker side is up, InfluxDB takes writes and no certificate has expired, 503
/// otherwise, with the figures an operator needs to see why (queue depth, counts by outcome, the last write error,
/// the certificates' dates) and warnings that do not make it unhealthy yet (a certificate that expires soon).
/// </summary>
public static class HealthEndpoint
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", (IBrokerLink broker, RetryingPointWriter writer, IngestStatistics statistics, IngestBacklog queue, DeadLetterStore deadLetters, CertificateExpiry certificates) =>
        {
            var problems = new List<string>();
            if (!broker.IsUp)
            {
                problems.Add($"{broker.Description} is not up");
            }

            if (statistics.IsWriteFailing)
            {
                problems.Add($"writes to InfluxDB are failing: {statistics.LastWriteError}");
            }

            problems.AddRange(certificates.Problems);
            var report = new HealthReport(
                problems.Count == 0 ? "healthy" : "unhealthy",
                problems,
                [.. certificates.Warnings],
                new BrokerHealth(broker.Description, broker.IsUp),
                new StorageHealth(writer.Destination, statistics.IsWriteFailing ? "failing" : "ok", statistics.LastWriteError, statistics.PointsWritten, statistics.WriteFailures),
                new MessageCounts(queue.Count, statistics.Received, statistics.Stored, statistics.Rejected, statistics.RejectedByCode),
                deadLetters.Count(),
                deadLetters.Count(new DeadLetterQuery { State = ReplayState.StoredByReplay }),
                certificates.Last);
            return Results.Json(report, statusCode: problems.Count == 0 ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return endpoints;
    }

    internal sealed record HealthReport(
        string Status,
        IReadOnlyList<string> Problems,
        IReadOnlyList<string> Warnings,
        BrokerHealth Broker,
        StorageHealth Influxdb,
        MessageCounts Messages,
        long DeadLettersKept,
        long DeadLettersStoredByReplay,
        IReadOnlyList<CertificateDates> Certificates);

    internal sealed record BrokerHealth(string Description, bool Up);

    internal sealed record StorageHealth(string Destination, string Writes, string? LastError, long PointsWritten, long WriteFailures);

    internal sealed record MessageCounts(int Queued, long Received, long Stored, long Rejected, IReadOnlyDictionary<string, long> RejectedByReason);
}
