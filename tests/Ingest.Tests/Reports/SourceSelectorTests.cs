using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Requests;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>Which data a report reads: raw for short ranges, the coarsest fitting roll-up for long ones.</summary>
public sealed class SourceSelectorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 10, 0, 0, Wib.Offset);
    private static readonly AggregationWindow Hour = AggregationWindow.Hour;
    private static readonly AggregationWindow Day = AggregationWindow.Day;

    [Fact]
    public void A_week_reads_raw_data()
    {
        Assert.Equal(DataSource.Raw, Selector().Choose(null, Days(2026, 12, 1, 7), Hour));
    }

    [Fact]
    public void A_year_by_day_reads_the_daily_roll_up_and_by_hour_the_hourly_one()
    {
        var year = new TimeRange(Wib.Midnight(new DateOnly(2025, 12, 1)), Wib.Midnight(new DateOnly(2026, 12, 1)));

        Assert.Equal(DataSource.Daily, Selector().Choose(null, year, Day));
        Assert.Equal(DataSource.Hourly, Selector().Choose(null, year, Hour));
    }

    [Fact]
    public void A_window_of_minutes_over_a_long_range_reads_raw_data_since_no_roll_up_has_minutes()
    {
        Assert.Equal(DataSource.Raw, Selector().Choose(null, Days(2026, 11, 1, 30), AggregationWindow.Parse("15m", out _)));
    }

    [Fact]
    public void A_range_that_does_not_start_on_a_whole_hour_cannot_use_a_roll_up()
    {
        var range = new TimeRange(new DateTimeOffset(2026, 10, 1, 6, 30, 0, Wib.Offset), Wib.Midnight(new DateOnly(2026, 12, 1)));

        Assert.Equal(DataSource.Raw, Selector().Choose(null, range, Hour));
        var error = Assert.Throws<ReportRequestException>(() => Selector().Choose(DataSource.Hourly, range, Hour));
        Assert.Contains("from and to must be whole hours", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_older_than_the_raw_retention_is_read_from_a_roll_up_and_raw_is_refused_for_it()
    {
        var old = Days(2026, 6, 1, 7);
        var selector = Selector(raw: TimeSpan.FromDays(90));

        Assert.Equal(DataSource.Daily, selector.Choose(null, old, Day));
        var error = Assert.Throws<ReportRequestException>(() => selector.Choose(DataSource.Raw, old, Day));
        Assert.Contains("raw telemetry is kept for 90 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_roll_ups_everything_is_raw_and_asking_for_one_says_they_are_off()
    {
        var selector = Selector(rollups: RollupMode.Off);
        var year = new TimeRange(Wib.Midnight(new DateOnly(2025, 12, 1)), Wib.Midnight(new DateOnly(2026, 12, 1)));

        Assert.Equal(DataSource.Raw, selector.Choose(null, year, Day));
        Assert.Contains("roll-ups are off", Assert.Throws<ReportRequestException>(() => selector.Choose(DataSource.Daily, year, Day)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_daily_roll_up_is_refused_for_a_report_that_needs_hours()
    {
        var error = Assert.Throws<ReportRequestException>(() => Selector().Choose(DataSource.Daily, Days(2026, 11, 1, 30), Day, allowDaily: false));

        Assert.Contains("needs hourly detail", error.Message, StringComparison.Ordinal);
    }

    private static TimeRange Days(int year, int month, int day, int count)
    {
        var start = Wib.Midnight(new DateOnly(year, month, day));
        return new TimeRange(start, start.AddDays(count));
    }

    private static SourceSelector Selector(TimeSpan? raw = null, RollupMode? rollups = null)
    {
        var reports = Options.Create(new ReportsOptions { RawRetention = raw, Rollups = rollups });
        var storage = new ReportStorage(Options.Create(new InfluxDbOptions()), reports);
        return new SourceSelector(storage, reports, new FakeTimeProvider(Now));
    }
}
