namespace Pontive.Iot.Ingest.Reports.Calendar;

/// <summary>
/// Pontianak's clock: Waktu Indonesia Barat, UTC+07:00 all year (Indonesia has no daylight saving time). Every day,
/// week and month in a report is a WIB calendar one; a fixed offset needs no time-zone database on any machine.
/// </summary>
public static class Wib
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public const string Description = "WIB (UTC+07:00)";

    public static DateTimeOffset ToWib(DateTimeOffset instant) => instant.ToOffset(Offset);

    /// <summary>00:00 WIB of the day that holds <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset);
    }

    /// <summary>00:00 WIB of the Monday that starts the week holding <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOfWeek(DateTimeOffset instant)
    {
        var day = StartOfDay(instant);
        var daysSinceMonday = ((int)day.DayOfWeek + 6) % 7;
        return day.AddDays(-daysSinceMonday);
    }

    /// <summary>00:00 WIB on the first of the month that holds <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOfMonth(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        return new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, Offset);
    }

    /// <summary>00:00 WIB of a calendar date.</summary>
    public static DateTimeOffset Midnight(DateOnly date) => new(date.Year, date.Month, date.Day, 0, 0, 0, Offset);

    /// <summary>True when <paramref name="instant"/> is 00:00 WIB.</summary>
    public static bool IsMidnight(DateTimeOffset instant) => StartOfDay(instant) == instant;
}
