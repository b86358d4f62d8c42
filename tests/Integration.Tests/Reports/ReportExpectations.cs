using System.Globalization;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// The figures each report must show, computed here from the seed with plain LINQ and the system's time-zone database
/// (Asia/Pontianak), without any of the report code.
/// </summary>
public static class ReportExpectations
{
    public static readonly TimeZoneInfo Pontianak = TimeZoneInfo.TryFindSystemTimeZoneById("Asia/Pontianak", out var zone)
        ? zone
        : TimeZoneInfo.CreateCustomTimeZone("WIB", TimeSpan.FromHours(7), "WIB", "WIB");

    public static DateTime Local(DateTimeOffset time) => TimeZoneInfo.ConvertTime(time, Pontianak).DateTime;

    public static string MonthOf(DateTimeOffset time) => Local(time).ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string DayOf(DateTimeOffset time) => Local(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string IsoWeekOf(DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(Local(time))}-W{ISOWeek.GetWeekOfYear(Local(time)):00}");

    /// <summary>Expected waste figures of one group of deposits.</summary>
    public sealed record WasteFigures(decimal MassKg, int Deposits, int Members, long ValueIdr, int VoidedDeposits, decimal VoidedMassKg, long VoidedValueIdr);

    public static WasteFigures Waste(ReportSeed seed, IEnumerable<SeedDeposit> deposits)
    {
        ArgumentNullException.ThrowIfNull(seed);
        var all = deposits.ToList();
        var kept = all.Where(d => !seed.IsVoided(d)).ToList();
        var voided = all.Where(seed.IsVoided).ToList();
        return new WasteFigures(
            kept.Sum(d => d.MassKg),
            kept.Count,
            kept.Select(d => (d.Site, d.Member)).Distinct().Count(),
            kept.Sum(d => d.ValueIdr),
            voided.Count,
            voided.Sum(d => d.MassKg),
            voided.Sum(d => d.ValueIdr));
    }

    /// <summary>Mean, min, max and count of a value over windows of <paramref name="window"/> aligned to WIB midnight.</summary>
    public static IReadOnlyList<(DateTimeOffset Start, double Mean, double Min, double Max, long Count)> WindowsOf(
        IEnumerable<SeedSample> samples, string field, TimeSpan window)
    {
        return [.. samples
            .Where(s => s.Values.ContainsKey(field))
            .GroupBy(s => WindowStart(s.Time, window))
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, g.Average(s => s.Values[field]), g.Min(s => s.Values[field]), g.Max(s => s.Values[field]), (long)g.Count()))];
    }

    /// <summary>The start of the WIB-aligned window holding <paramref name="time"/>.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset time, TimeSpan window)
    {
        var local = Local(time);
        var sinceMidnight = local - local.Date;
        var start = local.Date + TimeSpan.FromTicks(sinceMidnight.Ticks / window.Ticks * window.Ticks);
        return new DateTimeOffset(start, TimeSpan.FromHours(7));
    }

    /// <summary>ISPU from the regulation's table, written out here on its own (bands with their lower edges).</summary>
    public static int Ispu(string field, double mean)
    {
        var (bands, resolution) = field == "pm25_ugm3"
            ? (new[] { (0.0, 15.5, 0, 50), (15.6, 55.4, 51, 100), (55.5, 150.4, 101, 200), (150.5, 250.4, 201, 300), (250.5, 500.0, 301, 500) }, 10.0)
            : (new[] { (0.0, 50.0, 0, 50), (51.0, 150.0, 51, 100), (151.0, 350.0, 101, 200), (351.0, 420.0, 201, 300), (421.0, 500.0, 301, 500) }, 1.0);
        if (mean >= 500)
        {
            return 500;
        }

        var x = Math.Floor((mean * resolution) + 1e-9) / resolution;
        var (low, high, indexLow, indexHigh) = bands.First(b => x <= b.Item2 + 1e-9);
        return (int)Math.Round((((indexHigh - indexLow) * (x - low)) / (high - low)) + indexLow + 1e-9, MidpointRounding.AwayFromZero);
    }

    /// <summary>The median of the hourly sample counts of a sensor (hours with samples only).</summary>
    public static double MedianPerHour(IEnumerable<SeedSample> samples)
    {
        var counts = samples.GroupBy(s => s.Time.ToUnixTimeSeconds() / 3600).Select(g => g.Count()).Order().ToList();
        return counts.Count % 2 == 1 ? counts[counts.Count / 2] : (counts[(counts.Count / 2) - 1] + counts[counts.Count / 2]) / 2.0;
    }
}
