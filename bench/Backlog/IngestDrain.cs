using System.Diagnostics;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// The figure the delivery guarantees promise: Ingest comes back to a backlog its persistent session collected while
/// it was away, and the clock runs from its start until InfluxDB has every point.
/// </summary>
internal static class IngestDrain
{
    public static async Task<IngestDrainResult> RunAsync(BenchSettings settings, TelemetryBacklog backlog, CancellationToken cancellationToken)
    {
        var clientId = $"bench-ingest-{settings.RunId}";
        var database = $"bench_{settings.RunId}";
        var dataDirectory = Directory.CreateTempSubdirectory("pontive-bench-ingest-").FullName;
        using var influx = new InfluxCounter(settings.InfluxDbUrl);

        // Created here, not by Ingest's first write: in the field the database exists long before a backlog does.
        await influx.CreateDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        try
        {
            // Ingest's first start creates its session (and subscriptions) at the broker; after it stops, the broker
            // queues for it.
            var first = IngestInstance.Create(settings, clientId, database, dataDirectory);
            await using (first.ConfigureAwait(false))
            {
                await first.StartAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
            }

            var queueTime = await BacklogPublisher.PublishAsync(settings.Broker, $"bench-publisher-{settings.RunId}", backlog.Messages, cancellationToken).ConfigureAwait(false);

            var second = IngestInstance.Create(settings, clientId, database, dataDirectory);
            await using (second.ConfigureAwait(false))
            {
                var elapsed = new Stopwatch();
                var progress = new DrainProgress(second.Notifications, backlog.Messages.Count, elapsed);
                var cpu = CpuMeter.Start(settings.ServerPids);
                elapsed.Start();
                await second.StartAsync(settings.Timeout, cancellationToken).ConfigureAwait(false);
                await DrainWait.UntilAsync(progress.Done, settings.Timeout, progress.ToString, cancellationToken).ConfigureAwait(false);
                elapsed.Stop();
                var cpuUse = cpu.Stop();

                var found = await influx.CountEnvironmentPointsAsync(database, cancellationToken).ConfigureAwait(false);
                var drain = new DrainMeasurement("Ingest into InfluxDB", backlog.Messages.Count, queueTime, elapsed.Elapsed, cpuUse);
                return new IngestDrainResult(drain, backlog.PointCount, found, progress.Stored, progress.Refused, progress.Writes, progress.FirstStoredAfter);
            }
        }
        finally
        {
            await settings.Broker.ForgetSessionAsync(clientId, CancellationToken.None).ConfigureAwait(false);
            await influx.DropDatabaseAsync(database, CancellationToken.None).ConfigureAwait(false);
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
