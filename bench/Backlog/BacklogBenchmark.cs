using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>Both drains, one after the other in the same run and on the same servers, then the report.</summary>
internal static class BacklogBenchmark
{
    /// <returns>0 when InfluxDB holds every point, 1 when it does not.</returns>
    public static async Task<int> RunAsync(BenchSettings settings, string brokerName, CancellationToken cancellationToken)
    {
        var machine = MachineDescription.Read();
        string influxDbName;
        using (var influx = new InfluxCounter(settings.InfluxDbUrl))
        {
            influxDbName = await influx.DescribeAsync(cancellationToken).ConfigureAwait(false);
        }

        Say($"building {settings.Messages:N0} telemetry messages of {settings.SamplesPerMessage} samples");
        var backlog = TelemetryBacklog.Build(settings.Messages, settings.SamplesPerMessage);
        if (backlog.LargestPayloadBytes > WireLimits.MaxPayloadBytes)
        {
            throw new ArgumentException($"{settings.SamplesPerMessage} samples make a {backlog.LargestPayloadBytes}-byte payload, above the contract's {WireLimits.MaxPayloadBytes}");
        }

        Say("broker only: queueing the backlog for a plain subscriber's session, then draining it");
        var brokerOnly = await BrokerOnlyDrain.RunAsync(settings, backlog, cancellationToken).ConfigureAwait(false);
        Say($"broker only: {brokerOnly.DrainTime.TotalSeconds:0.00} s");

        Say("Ingest: creating its session, queueing the backlog while it is away, then starting it");
        var ingest = await IngestDrain.RunAsync(settings, backlog, cancellationToken).ConfigureAwait(false);
        Say($"Ingest: {ingest.Drain.DrainTime.TotalSeconds:0.00} s");

        var report = BenchReport.Render(settings, brokerName, influxDbName, backlog, machine, brokerOnly, ingest, MachineDescription.ReadLoadAverage());
        Console.WriteLine();
        Console.Write(report);
        if (settings.ResultsFile is { } file)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            await File.WriteAllTextAsync(file, report, cancellationToken).ConfigureAwait(false);
            Console.WriteLine();
            Console.WriteLine($"Written to {file}");
        }

        return ingest.AllPointsArrived ? 0 : 1;
    }

    private static void Say(string progress) => Console.Error.WriteLine($"bench: {progress}");
}
