using System.Globalization;
using System.Text;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>The run's figures as a Markdown page: printed, and written to the results file.</summary>
internal static class BenchReport
{
    public static string Render(
        BenchSettings settings,
        string brokerName,
        string influxDbName,
        TelemetryBacklog backlog,
        MachineDescription machine,
        DrainMeasurement brokerOnly,
        IngestDrainResult ingest,
        string loadAverageAfter)
    {
        var page = new StringBuilder();
        void Line(FormattableString text) => page.AppendLine(text.ToString(CultureInfo.InvariantCulture));

        Line($"# Backlog drain: {backlog.Messages.Count:N0} queued telemetry messages");
        Line($"");
        Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (run {settings.RunId}).");
        Line($"");
        Line($"| drain | time | messages/s | points/s | busy cores during the drain |");
        Line($"| --- | ---: | ---: | ---: | --- |");
        Line($"| {brokerOnly.Name} | {Seconds(brokerOnly.DrainTime)} | {brokerOnly.MessageRate:N0} | — | {brokerOnly.Cpu} |");
        Line($"| {ingest.Drain.Name} | {Seconds(ingest.Drain.DrainTime)} | {ingest.Drain.MessageRate:N0} | {ingest.PointRate:N0} | {ingest.Drain.Cpu} |");
        Line($"");
        Line($"Ingest drains at {ingest.Drain.MessageRate / brokerOnly.MessageRate:P0} of the broker-only rate. Its clock runs from Ingest's start until InfluxDB has accepted the last point; the first write was accepted {Seconds(ingest.FirstStoredAfter)} after the start.");
        Line($"");
        var check = ingest.AllPointsArrived ? "all there" : "MISSING POINTS";
        Line($"Points in InfluxDB: expected {ingest.ExpectedPoints:N0}, found {ingest.FoundPoints:N0} ({check}); {ingest.StoredMessages:N0} messages stored, {ingest.RefusedMessages:N0} refused, in {ingest.Writes:N0} writes of {(double)ingest.ExpectedPoints / Math.Max(1, ingest.Writes):N0} lines on average.");
        Line($"");
        Line($"| setting | value |");
        Line($"| --- | --- |");
        Line($"| messages (N) | {backlog.Messages.Count:N0}, from {TelemetryBacklog.DeviceCount} devices on {TelemetryBacklog.SiteCount} sites |");
        Line($"| samples per message | {backlog.SamplesPerMessage} environment samples ({backlog.PointCount:N0} points) |");
        Line($"| payload | {backlog.MeanPayloadBytes:N0} bytes on average ({backlog.SmallestPayloadBytes}–{backlog.LargestPayloadBytes}) |");
        Line($"| Broker:MaxUnacknowledged | {settings.MaxUnacknowledged:N0} (the plain subscriber's receive maximum too) |");
        Line($"| Ingest:MaxBatchLines | {settings.MaxBatchLines:N0} |");
        Line($"| queueing the backlog (QoS 1, {BacklogPublisher.PublishesInFlight} in flight) | {brokerOnly.QueueRate:N0} msg/s for the subscriber, {ingest.Drain.QueueRate:N0} msg/s for Ingest |");
        Line($"| servers | {brokerName} at {settings.Broker.Host}:{settings.Broker.Port}; {influxDbName} at {settings.InfluxDbUrl} |");
        Line($"| machine | {machine.Cores} cores, {machine.Processor}; {machine.System} |");
        Line($"| load average (1/5/15 min) | {machine.LoadAverage} before, {loadAverageAfter} after |");
        Line($"");
        Line($"Busy cores: average over the drain, from /proc. \"servers\" are the broker and InfluxDB, \"bench\" is this program (the subscriber, or Ingest in-process), \"others\" is everything else on the machine, other people's work (interrupt handling, mostly this run's own loopback traffic, is left out of it): when it is large, run again.");
        return page.ToString();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture);
}
