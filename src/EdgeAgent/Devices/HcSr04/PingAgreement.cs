namespace Pontive.Iot.EdgeAgent.Devices.HcSr04;

/// <summary>
/// Finds the distance most pings agree on. A median alone is moved by a pair of stray echoes (off a bin's wall) when
/// a busy processor left only three pings timed; requiring a group of pings that agree within a couple of centimetres
/// keeps a reading from being made of strays.
/// </summary>
internal static class PingAgreement
{
    /// <summary>Pings of one surface agree within this: the module resolves 0.3 cm and a timed ping is good to 0.5 cm.</summary>
    public const double AgreeWithinCm = 2.0;

    /// <summary>
    /// The median of the largest group of <paramref name="pings"/> lying within <see cref="AgreeWithinCm"/> of one of
    /// them, if that group has at least <paramref name="needed"/> pings.
    /// </summary>
    public static bool TryFind(IReadOnlyList<double> pings, int needed, out double distanceCm)
    {
        ArgumentNullException.ThrowIfNull(pings);
        List<double> best = [];
        foreach (var anchor in pings)
        {
            var group = pings.Where(cm => Math.Abs(cm - anchor) <= AgreeWithinCm).ToList();
            if (group.Count > best.Count)
            {
                best = group;
            }
        }

        if (best.Count == 0 || best.Count < needed)
        {
            distanceCm = double.NaN;
            return false;
        }

        best.Sort();
        var middle = best.Count / 2;
        distanceCm = best.Count % 2 == 1 ? best[middle] : (best[middle - 1] + best[middle]) / 2;
        return true;
    }
}
