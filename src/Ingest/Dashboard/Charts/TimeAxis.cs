using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Dashboard.Charts;

/// <summary>
/// Ticks for a time axis, aligned to WIB (midnights, or whole hours that divide the day), at the smallest of a few
/// round steps that gives at most the number asked for.
/// </summary>
public static class TimeAxis
{
    private static readonly TimeSpan[] Steps =
    [
        TimeSpan.FromHours(1), TimeSpan.FromHours(3), TimeSpan.FromHours(6), TimeSpan.FromHours(12),
        TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(7), TimeSpan.FromDays(14), TimeSpan.FromDays(28),
    ];

    /// <summary>The tick times in [<paramref name="from"/>, <paramref name="to"/>], in WIB.</summary>
    public static IReadOnlyList<DateTimeOffset> Ticks(DateTimeOffset from, DateTimeOffset to, int maxTicks = 8)
    {
        if (to <= from)
        {
            return [];
        }

        var step = Steps.FirstOrDefault(s => (to - from) / s <= maxTicks, TimeSpan.FromDays(Math.Ceiling((to - from).TotalDays / maxTicks)));
        var first = Wib.StartOfDay(from);
        if (step >= TimeSpan.FromDays(1) && first < from)
        {
            first = first.AddDays(1);
        }

        while (first < from)
        {
            first += step;
        }

        var ticks = new List<DateTimeOffset>();
        for (var tick = first; tick <= to; tick += step)
        {
            ticks.Add(Wib.ToWib(tick));
        }

        return ticks;
    }

    /// <summary>A tick's label: <c>8 Nov</c> at midnight, <c>06:00</c> otherwise.</summary>
    public static string Label(DateTimeOffset tick) =>
        Wib.IsMidnight(tick) ? IndonesianFormat.DayMonth(Wib.ToWib(tick)) : Wib.ToWib(tick).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
