namespace Pontive.Iot.EdgeAgent.Scales;

/// <summary>Medians of raw readings: one wild value among a few cannot move them.</summary>
internal static class RawMedian
{
    /// <summary>
    /// The middle value; for an even count the mean of the two middle values, rounded down (the HX711 binding's
    /// own even-count median reads past the end of its list, which is why GetWeight(2) throws).
    /// </summary>
    public static long Of(IReadOnlyCollection<long> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("A median needs at least one value.", nameof(values));
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1
            ? sorted[middle]
            : (long)Math.Floor((sorted[middle - 1] + (double)sorted[middle]) / 2);
    }
}
