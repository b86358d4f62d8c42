using System.Globalization;

namespace Pontive.Iot.Ingest.Reports.Calendar;

/// <summary>A report's time range, [From, To): From included, To excluded, as InfluxQL's <c>time &gt;= … AND time &lt; …</c>.</summary>
public sealed record TimeRange(DateTimeOffset From, DateTimeOffset To)
{
    public TimeSpan Length => To - From;

    /// <summary>The WIB calendar month <c>yyyy-MM</c>, from its first day at 00:00 WIB to the next month's.</summary>
    public static TimeRange Month(int year, int month)
    {
        var start = new DateTimeOffset(year, month, 1, 0, 0, 0, Wib.Offset);
        return new TimeRange(start, start.AddMonths(1));
    }

    /// <summary>Both ends in WIB, e.g. <c>2026-11-01T00:00:00+07:00</c>: how reports show them.</summary>
    public TimeRange InWib() => new(Wib.ToWib(From), Wib.ToWib(To));

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Wib.ToWib(From):yyyy-MM-ddTHH:mm:sszzz} to {Wib.ToWib(To):yyyy-MM-ddTHH:mm:sszzz}");
}
