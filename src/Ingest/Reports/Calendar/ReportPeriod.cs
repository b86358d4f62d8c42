using System.Globalization;

namespace Pontive.Iot.Ingest.Reports.Calendar;

/// <summary>How a report groups time: WIB calendar days, weeks (Monday to Sunday) or months.</summary>
public enum PeriodKind
{
    Day,
    Week,
    Month,
}

/// <summary>The calendar arithmetic of one <see cref="PeriodKind"/>.</summary>
public static class ReportPeriod
{
    public static string Name(this PeriodKind kind) => kind switch
    {
        PeriodKind.Day => "day",
        PeriodKind.Week => "week",
        _ => "month",
    };

    public static bool TryParse(string? text, out PeriodKind kind)
    {
        switch (text)
        {
            case "day":
                kind = PeriodKind.Day;
                return true;
            case "week":
                kind = PeriodKind.Week;
                return true;
            case "month":
                kind = PeriodKind.Month;
                return true;
            default:
                kind = PeriodKind.Day;
                return false;
        }
    }

    /// <summary>The start (00:00 WIB) of the period that holds <paramref name="instant"/>.</summary>
    public static DateTimeOffset StartOf(this PeriodKind kind, DateTimeOffset instant) => kind switch
    {
        PeriodKind.Day => Wib.StartOfDay(instant),
        PeriodKind.Week => Wib.StartOfWeek(instant),
        _ => Wib.StartOfMonth(instant),
    };

    /// <summary>The start of the next period, given the start of one.</summary>
    public static DateTimeOffset Next(this PeriodKind kind, DateTimeOffset start) => kind switch
    {
        PeriodKind.Day => start.AddDays(1),
        PeriodKind.Week => start.AddDays(7),
        _ => start.AddMonths(1),
    };

    /// <summary>A label people read: <c>2026-11-28</c>, <c>2026-W48</c> (ISO week), <c>2026-11</c>.</summary>
    public static string Label(this PeriodKind kind, DateTimeOffset start)
    {
        var local = Wib.ToWib(start);
        return kind switch
        {
            PeriodKind.Day => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            PeriodKind.Week => string.Create(CultureInfo.InvariantCulture,
                $"{ISOWeek.GetYear(local.DateTime)}-W{ISOWeek.GetWeekOfYear(local.DateTime):00}"),
            _ => local.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Every period that overlaps [<paramref name="from"/>, <paramref name="to"/>), in order.</summary>
    public static IEnumerable<DateTimeOffset> Covering(this PeriodKind kind, DateTimeOffset from, DateTimeOffset to)
    {
        for (var start = kind.StartOf(from); start < to; start = kind.Next(start))
        {
            yield return start;
        }
    }
}
