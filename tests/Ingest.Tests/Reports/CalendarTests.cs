using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>Days, weeks and months of reports are Pontianak's (WIB, UTC+7), whatever the server's clock says.</summary>
public sealed class CalendarTests
{
    [Fact]
    public void A_deposit_at_2359_wib_is_in_its_day_and_one_at_0001_wib_in_the_next()
    {
        var late = new DateTimeOffset(2026, 10, 31, 16, 59, 0, TimeSpan.Zero); // 23:59 WIB on 31 October
        var early = new DateTimeOffset(2026, 10, 31, 17, 1, 0, TimeSpan.Zero); // 00:01 WIB on 1 November

        Assert.Equal("2026-10-31", PeriodKind.Day.Label(PeriodKind.Day.StartOf(late)));
        Assert.Equal("2026-11-01", PeriodKind.Day.Label(PeriodKind.Day.StartOf(early)));
        Assert.Equal("2026-10", PeriodKind.Month.Label(PeriodKind.Month.StartOf(late)));
        Assert.Equal("2026-11", PeriodKind.Month.Label(PeriodKind.Month.StartOf(early)));
    }

    [Fact]
    public void Weeks_start_on_monday_at_midnight_wib_and_are_labelled_by_iso_week()
    {
        var sunday = new DateTimeOffset(2026, 11, 29, 23, 0, 0, Wib.Offset);
        var monday = new DateTimeOffset(2026, 11, 30, 0, 0, 0, Wib.Offset);

        Assert.Equal(new DateTimeOffset(2026, 11, 23, 0, 0, 0, Wib.Offset), PeriodKind.Week.StartOf(sunday));
        Assert.Equal(monday, PeriodKind.Week.StartOf(monday));
        Assert.Equal("2026-W48", PeriodKind.Week.Label(PeriodKind.Week.StartOf(sunday)));
        Assert.Equal("2026-W49", PeriodKind.Week.Label(monday));
    }

    [Fact]
    public void Every_period_that_overlaps_the_range_is_listed_once()
    {
        var periods = PeriodKind.Month.Covering(new DateTimeOffset(2026, 11, 15, 0, 0, 0, Wib.Offset), new DateTimeOffset(2027, 1, 1, 0, 0, 0, Wib.Offset)).ToList();

        Assert.Equal(["2026-11", "2026-12"], periods.Select(p => PeriodKind.Month.Label(p)));
    }

    [Theory]
    [InlineData("1h", "time(60m, 0m)")]
    [InlineData("15m", "time(15m, 0m)")]
    [InlineData("6h", "time(360m, 300m)")] // 05:00, 11:00, 17:00, 23:00 UTC: 12:00, 18:00, 00:00, 06:00 WIB
    [InlineData("1d", "time(1440m, 1020m)")]
    [InlineData("2d", "time(2880m, 2460m)")]
    [InlineData("1w", "time(10080m, 5340m)")]
    public void Influxql_windows_are_shifted_so_they_start_at_wib_midnights_and_on_mondays(string window, string groupBy)
    {
        Assert.Equal(groupBy, AggregationWindow.Parse(window, out _)!.GroupByTime());
    }

    [Fact]
    public void A_one_day_window_starts_at_1700_utc_and_a_week_on_sunday_1700_utc()
    {
        // InfluxDB starts windows at k × length + offset after 1970-01-01T00:00Z.
        static DateTimeOffset FirstStartAfter(AggregationWindow window, DateTimeOffset instant)
        {
            var offsetMinutes = long.Parse(window.GroupByTime().Split(", ")[1].TrimEnd('m', ')'), System.Globalization.CultureInfo.InvariantCulture);
            var length = (long)window.Length.TotalMinutes;
            var minutes = (long)(instant - DateTimeOffset.UnixEpoch).TotalMinutes;
            var k = (minutes - offsetMinutes + length - 1) / length;
            return DateTimeOffset.UnixEpoch.AddMinutes(k * length + offsetMinutes);
        }

        var start = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.Zero), FirstStartAfter(AggregationWindow.Day, start));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 17, 0, 0, TimeSpan.Zero), FirstStartAfter(AggregationWindow.Parse("1w", out _)!, start));
        Assert.Equal(DayOfWeek.Monday, Wib.ToWib(FirstStartAfter(AggregationWindow.Parse("1w", out _)!, start)).DayOfWeek);
    }
}
