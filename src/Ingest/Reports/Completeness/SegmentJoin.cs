namespace Pontive.Iot.Ingest.Reports.Completeness;

/// <summary>
/// Joins what the parts of a <see cref="Requests.SourcePlan"/> answered into the rows one source would have given. A
/// counting bucket or a day of message numbers that the boundary between a roll-up and raw data cuts (today, cut at the
/// hour the hourly roll-up reaches) arrives as one row from each side; left as two, the day would count twice in the
/// median that gives the observed interval, and its message numbers would be two days with a seam between them.
/// </summary>
public static class SegmentJoin
{
    /// <summary>
    /// One count per sensor and bucket: the parts' samples added up. The parts do not overlap (they meet at a whole hour),
    /// so no sample is in both.
    /// </summary>
    public static IReadOnlyList<SampleCount> Counts(IEnumerable<SampleCount> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return [.. parts
            .GroupBy(c => (c.Site, c.Device, c.Sensor, c.Kind, c.Bucket))
            .Select(g => new SampleCount(g.Key.Site, g.Key.Device, g.Key.Sensor, g.Key.Kind, g.Key.Bucket, g.Sum(c => c.Samples)))];
    }

    /// <summary>
    /// One row per device and WIB day: the lowest and highest number of every part and their messages added up, so the
    /// numbers on either side of the boundary are one run and the boundary itself is no gap.
    /// </summary>
    public static IReadOnlyList<SeqDay> SeqDays(IEnumerable<SeqDay> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return [.. parts
            .GroupBy(d => (d.Site, d.Device, d.Day))
            .Select(g => new SeqDay(g.Key.Site, g.Key.Device, g.Key.Day, g.Min(d => d.MinSeq), g.Max(d => d.MaxSeq), g.Sum(d => d.Count)))];
    }
}
