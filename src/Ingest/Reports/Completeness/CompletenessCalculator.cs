using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Reports.Completeness;

/// <summary>
/// Completeness from counts. Expected samples = the part of the range that has passed ÷ the sampling interval. The
/// interval is the configured one (Reports:ExpectedIntervals, by sensor <c>site/device/sensor</c> or by kind), else the
/// one seen in the data: the bucket length ÷ the median count of the buckets that have samples, which a device that
/// was off half the month does not skew. Missing messages: within each day, (highest − lowest + 1 − received); between
/// days, the numbers skipped from one day's highest to the next day's lowest. A number lower than the last one seen
/// (a device reset) starts afresh and is not counted as a gap.
/// </summary>
public static class CompletenessCalculator
{
    /// <summary>How far before the range a device's last sign of life is looked for.</summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromDays(30);

    public static CompletenessReport Calculate(
        CompletenessRequest request,
        CompletenessInputs inputs,
        IReadOnlyDictionary<string, TimeSpan> configuredIntervals,
        TimeSpan silentAfter,
        string source,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(configuredIntervals);
        var end = request.Range.To < now ? request.Range.To : now;
        var elapsed = end > request.Range.From ? end - request.Range.From : TimeSpan.Zero;

        var sensors = new SortedDictionary<(string Site, string Device, string Sensor, string Kind), List<long>>();
        foreach (var count in inputs.Counts.Where(c => c.Samples > 0))
        {
            Add(sensors, (count.Site, count.Device, count.Sensor, count.Kind)).Add(count.Samples);
        }

        var sensorLastSeen = new Dictionary<(string, string, string, string), DateTimeOffset>();
        foreach (var last in inputs.SensorsLastSeen)
        {
            Add(sensors, (last.Site, last.Device, last.Sensor, last.Kind));
            var key = (last.Site, last.Device, last.Sensor, last.Kind);
            if (!sensorLastSeen.TryGetValue(key, out var known) || last.Time > known)
            {
                sensorLastSeen[key] = last.Time;
            }
        }

        var devices = new SortedSet<(string Site, string Device)>(sensors.Keys.Select(k => (k.Site, k.Device)));
        var statuses = inputs.Statuses.GroupBy(s => (s.Site, s.Device)).ToDictionary(g => g.Key, g => g.MaxBy(s => s.Time)!);
        devices.UnionWith(statuses.Keys);
        var seqDays = inputs.SeqDays.GroupBy(s => (s.Site, s.Device)).ToDictionary(g => g.Key, g => g.OrderBy(s => s.Day).ToList());
        devices.UnionWith(seqDays.Keys);

        var report = new List<DeviceCompleteness>();
        foreach (var (site, device) in devices)
        {
            var sensorRows = sensors
                .Where(s => s.Key.Site == site && s.Key.Device == device)
                .Select(s => SensorRow(s.Key, s.Value, inputs.Bucket, elapsed, configuredIntervals, sensorLastSeen.TryGetValue(s.Key, out var seen) ? seen : null))
                .ToList();
            var status = statuses.GetValueOrDefault((site, device));
            var lastSeen = Latest(sensorRows.Select(r => r.LastSeen).Append(status?.Time));
            var silentFor = lastSeen is { } seenAt ? end - seenAt : (TimeSpan?)null;
            var (messages, missing, first, last) = Gaps(seqDays.GetValueOrDefault((site, device)));
            report.Add(new DeviceCompleteness(
                site,
                device,
                lastSeen is { } l ? Wib.ToWib(l) : null,
                silentFor is null || silentFor > silentAfter,
                silentFor is { } s ? (long)Math.Max(0, s.TotalSeconds) : null,
                status?.State,
                status is null ? null : Wib.ToWib(status.Time),
                messages,
                missing,
                first,
                last,
                sensorRows));
        }

        var range = request.Range.InWib();
        // A range not over yet is partial, like a window not over yet in the other reports: its figures will still change.
        return new CompletenessReport("completeness", range.From, range.To, Wib.Description, source, (long)silentAfter.TotalSeconds, Wib.ToWib(now), end < request.Range.To, report);
    }

    private static SensorCompleteness SensorRow(
        (string Site, string Device, string Sensor, string Kind) key,
        List<long> bucketCounts,
        TimeSpan bucket,
        TimeSpan elapsed,
        IReadOnlyDictionary<string, TimeSpan> configured,
        DateTimeOffset? lastSeen)
    {
        var received = bucketCounts.Sum();
        TimeSpan? interval = null;
        var intervalSource = "unknown";
        if (configured.TryGetValue($"{key.Site}/{key.Device}/{key.Sensor}", out var perSensor) || configured.TryGetValue(key.Kind, out perSensor))
        {
            interval = perSensor;
            intervalSource = "configured";
        }
        else if (bucketCounts.Count > 0)
        {
            interval = bucket / Median(bucketCounts);
            intervalSource = "observed";
        }

        long? expected = interval is { } i && i > TimeSpan.Zero ? (long)Math.Floor(elapsed / i) : null;
        double? pct = expected switch
        {
            null => null,
            0 => received > 0 ? 100 : null,
            _ => Math.Min(100, Math.Round(100.0 * received / expected.Value, 1)),
        };
        return new SensorCompleteness(key.Sensor, key.Kind, received, expected, interval?.TotalSeconds, intervalSource, pct, lastSeen is { } seen ? Wib.ToWib(seen) : null);
    }

    /// <summary>Messages received, messages missing (null without recorded numbers), first and last number.</summary>
    private static (long Messages, long? Missing, long? First, long? Last) Gaps(List<SeqDay>? days)
    {
        if (days is null || days.Count == 0)
        {
            return (0, null, null, null);
        }

        long messages = 0, missing = 0;
        SeqDay? previous = null;
        foreach (var day in days)
        {
            messages += day.Count;
            missing += Math.Max(0, day.MaxSeq - day.MinSeq + 1 - day.Count);
            if (previous is not null && day.MinSeq > previous.MaxSeq)
            {
                missing += day.MinSeq - previous.MaxSeq - 1;
            }

            previous = day;
        }

        return (messages, missing, days[0].MinSeq, days[^1].MaxSeq);
    }

    private static double Median(List<long> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
    }

    private static DateTimeOffset? Latest(IEnumerable<DateTimeOffset?> times)
    {
        DateTimeOffset? latest = null;
        foreach (var time in times)
        {
            if (time is { } t && (latest is null || t > latest))
            {
                latest = t;
            }
        }

        return latest;
    }

    private static List<long> Add(SortedDictionary<(string, string, string, string), List<long>> sensors, (string, string, string, string) key)
    {
        if (!sensors.TryGetValue(key, out var counts))
        {
            counts = [];
            sensors[key] = counts;
        }

        return counts;
    }
}
