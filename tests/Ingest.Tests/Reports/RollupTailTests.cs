using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Reports.Sensors;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>
/// A roll-up does not hold the current day (hour) yet: that tail is read from raw data over the same windows and added
/// in, so "this month, daily" shows today, marked partial, with an exact mean and no day twice.
/// </summary>
public sealed class RollupTailTests
{
    /// <summary>Tuesday 15 December 2026, 10:20 WIB.</summary>
    private static readonly DateTimeOffset Now = new(2026, 12, 15, 10, 20, 0, Wib.Offset);
    private static readonly TimeRange December = TimeRange.Month(2026, 12);

    [Fact]
    public void This_month_by_day_reads_the_daily_roll_up_until_today_and_today_from_raw_data()
    {
        var plan = Selector(Now).Plan(DataSource.Daily, December);

        Assert.Equal(
            [new SourceSegment(DataSource.Daily, new TimeRange(December.From, Day(15))), new SourceSegment(DataSource.Raw, new TimeRange(Day(15), December.To))],
            plan.Segments);
        Assert.Equal("rollup_1d+raw", plan.Name);
    }

    [Fact]
    public void Just_after_midnight_yesterday_is_read_from_raw_data_too_until_the_continuous_queries_have_run()
    {
        // The daily query that finishes 14 December runs at 00:00 WIB on the 15th; the hour's margin waits for it.
        var plan = Selector(new DateTimeOffset(2026, 12, 15, 0, 30, 0, Wib.Offset)).Plan(DataSource.Daily, December);

        Assert.Equal(Day(14), plan.Segments[0].Range.To);
        Assert.Equal(new SourceSegment(DataSource.Raw, new TimeRange(Day(14), December.To)), plan.Segments[1]);
    }

    [Fact]
    public void The_hourly_roll_up_is_read_until_the_hour_before_the_last_run_and_the_rest_from_raw_data()
    {
        var plan = Selector(Now).Plan(DataSource.Hourly, December);

        var nine = new DateTimeOffset(2026, 12, 15, 9, 0, 0, Wib.Offset);
        Assert.Equal([new SourceSegment(DataSource.Hourly, new TimeRange(December.From, nine)), new SourceSegment(DataSource.Raw, new TimeRange(nine, December.To))], plan.Segments);
        Assert.Equal("rollup_1h+raw", plan.Name);
    }

    [Fact]
    public void A_range_the_roll_up_holds_whole_is_read_from_it_alone_and_raw_data_is_one_segment()
    {
        var november = TimeRange.Month(2026, 11);

        Assert.Equal([new SourceSegment(DataSource.Daily, november)], Selector(Now).Plan(DataSource.Daily, november).Segments);
        Assert.Equal("rollup_1d", Selector(Now).Plan(DataSource.Daily, november).Name);
        Assert.Equal([new SourceSegment(DataSource.Raw, December)], Selector(Now).Plan(DataSource.Raw, December).Segments);
    }

    [Fact]
    public void Where_raw_data_does_not_reach_back_to_the_daily_tail_the_hourly_roll_up_answers_it_and_raw_data_its_own_tail()
    {
        // Raw data kept one day (shorter than the settings allow; a misconfiguration must still not double-count).
        var plan = Selector(new DateTimeOffset(2026, 12, 15, 0, 30, 0, Wib.Offset), rawRetention: TimeSpan.FromDays(1)).Plan(DataSource.Daily, December);

        var eleven = new DateTimeOffset(2026, 12, 14, 23, 0, 0, Wib.Offset);
        Assert.Equal(
            [
                new SourceSegment(DataSource.Daily, new TimeRange(December.From, Day(14))),
                new SourceSegment(DataSource.Hourly, new TimeRange(Day(14), eleven)),
                new SourceSegment(DataSource.Raw, new TimeRange(eleven, December.To)),
            ],
            plan.Segments);
        Assert.Equal("rollup_1d+rollup_1h+raw", plan.Name);
    }

    [Fact]
    public void The_margin_is_how_often_the_continuous_queries_run()
    {
        var rollups = new RollupPlan(Storage(null), Options.Create(new ReportsOptions()));

        Assert.All([rollups.Resample(rollups.Hourly), rollups.Resample(rollups.Daily)], resample =>
            Assert.StartsWith($"RESAMPLE EVERY {InfluxQl.Duration(SourceSelector.RollupLag)} ", resample, StringComparison.Ordinal));
    }

    [Fact]
    public void Each_segment_is_one_request_over_its_part_of_the_range_with_the_same_windows()
    {
        var plan = Selector(Now).Plan(DataSource.Daily, December);
        var query = new SensorHistoryQuery(new InfluxQueryClient(new HttpClient(), Options.Create(new InfluxDbOptions()), Options.Create(new ReportsOptions())),
            Storage(null), Selector(Now), Options.Create(new ReportsOptions()));
        var request = new SensorHistoryRequest(December, "park-alun-kapuas", null, "aq-1", SensorKinds.AirQuality, "pm25_ugm3", AggregationWindow.Day, null);

        var statements = query.Statements(request, plan);

        Assert.Equal(2, statements.Count);
        Assert.Contains($"FROM \"pontive\".\"rollup_1d\".\"air_quality\" WHERE {InfluxQl.TimeBetween(December.From, Day(15))} ", statements[0], StringComparison.Ordinal);
        Assert.Contains("sum(\"sum_pm25_ugm3\") AS \"sum\"", statements[0], StringComparison.Ordinal);
        Assert.Contains($"FROM \"pontive\"..\"air_quality\" WHERE {InfluxQl.TimeBetween(Day(15), December.To)} ", statements[1], StringComparison.Ordinal);
        Assert.Contains("sum(\"pm25_ugm3\") AS \"sum\"", statements[1], StringComparison.Ordinal);
        Assert.All(statements, s => Assert.Contains("GROUP BY time(1440m, 1020m), \"device\" fill(none)", s, StringComparison.Ordinal));
    }

    [Fact]
    public void Days_from_the_roll_up_and_today_from_raw_data_are_one_series_with_each_day_once_and_today_partial()
    {
        var plan = Selector(Now).Plan(DataSource.Daily, December);
        var rollup = Series(("park-01", Day(13), 300, 10, 1, 50), ("park-01", Day(14), 400, 10, 2, 90));
        var raw = Series(("park-01", Day(15), 90, 3, 20, 40));

        var series = Assert.Single(SensorHistoryQuery.Merge([rollup, raw], plan, AggregationWindow.Day, IspuParameter.Pm25));

        Assert.Equal([Day(13), Day(14), Day(15)], series.Points.Select(p => p.Time));
        Assert.Equal([false, false, true], series.Points.Select(p => p.Partial));
        Assert.Equal((30.0, 20.0, 40.0, 3L), (series.Points[2].Mean, series.Points[2].Min, series.Points[2].Max, series.Points[2].Count));
        Assert.Equal(Ispu.Pm25(30).Index, series.Points[2].Ispu);
    }

    [Fact]
    public void A_week_cut_by_todays_midnight_adds_both_parts_so_its_mean_is_the_sum_over_the_count()
    {
        var plan = Selector(Now).Plan(DataSource.Daily, December);
        var monday = Day(14);
        // Monday from the daily roll-up (4 samples, mean 25), Tuesday so far from raw data (2 samples, mean 10).
        var rollup = Series(("park-01", Day(7), 700, 28, 5, 60), ("park-01", monday, 100, 4, 20, 30), ("park-01", new DateTimeOffset(2026, 11, 30, 0, 0, 0, Wib.Offset), 10, 1, 10, 10));
        var raw = Series(("park-01", monday, 20, 2, 5, 15));

        var points = Assert.Single(SensorHistoryQuery.Merge([rollup, raw], plan, AggregationWindow.Parse("1w", out _)!, null)).Points;

        var week = points.Single(p => p.Time == monday);
        Assert.Equal((20.0, 5.0, 30.0, 6L, true), (week.Mean, week.Min, week.Max, week.Count, week.Partial));
        Assert.False(points.Single(p => p.Time == Day(7)).Partial);
        // The week of 30 November started before the range: only its December days are counted.
        Assert.True(points.Single(p => p.Time.Day == 30).Partial);
        Assert.Equal(3, points.Count);
    }

    [Fact]
    public void Air_quality_today_adds_the_hourly_roll_ups_hours_to_the_raw_hours_since()
    {
        var plan = Selector(Now).Plan(DataSource.Hourly, December);
        var hourly = AirSeries(["sum_pm25", "count_pm25", "hours_pm25", "sum_pm10", "count_pm10", "hours_pm10"],
            (Day(14), [240.0, 24L, 24L, 480.0, 24L, 24L]), (Day(15), [180.0, 9L, 9L, 360.0, 9L, 9L]));
        var rawSums = AirSeries(["sum_pm25", "count_pm25", "sum_pm10", "count_pm10"], (Day(15), [120.0, 2L, 100.0, 2L]));
        var rawHours = AirSeries(["hours_pm25", "hours_pm10"], (Day(15), [2L, 2L]));

        var days = AirQualityQuery.Merge([hourly, rawSums, rawHours], plan);

        Assert.Equal(["2026-12-14", "2026-12-15"], days.Select(d => d.Date));
        var today = days[1];
        Assert.Equal((300.0 / 11, 11L, 11), (today.Pm25Ugm3!.Value, today.Pm25Samples, today.Pm25Hours));
        Assert.Equal((460.0 / 11, 11L, 11), (today.Pm10Ugm3!.Value, today.Pm10Samples, today.Pm10Hours));
        Assert.Equal((false, true), (days[0].Partial, today.Partial));
    }

    [Fact]
    public void Completeness_reads_each_segment_from_its_source_and_the_signs_of_life_once()
    {
        var plan = Selector(Now).Plan(DataSource.Hourly, December);
        var query = new CompletenessQuery(new InfluxQueryClient(new HttpClient(), Options.Create(new InfluxDbOptions()), Options.Create(new ReportsOptions())),
            Storage(null), Selector(Now), Options.Create(new ReportsOptions()), new FakeTimeProvider(Now));
        var request = new CompletenessRequest(December, "park-alun-kapuas", null, null);

        var statements = query.Statements(request, plan, AggregationWindow.Hour);

        var nine = new DateTimeOffset(2026, 12, 15, 9, 0, 0, Wib.Offset);
        Assert.Equal(3, statements.Count);
        Assert.Contains($"FROM \"pontive\".\"rollup_1h\"./^(", statements[0], StringComparison.Ordinal);
        Assert.Contains($"FROM \"pontive\".\"rollup_1h\".\"telemetry_batch\" WHERE {InfluxQl.TimeBetween(December.From, nine)}", statements[0], StringComparison.Ordinal);
        Assert.Contains("SELECT count(*) FROM \"pontive\"../^(", statements[1], StringComparison.Ordinal);
        Assert.Contains($"FROM \"pontive\"..\"telemetry_batch\" WHERE {InfluxQl.TimeBetween(nine, December.To)}", statements[1], StringComparison.Ordinal);
        Assert.DoesNotContain("telemetry_batch", statements[2], StringComparison.Ordinal);
        Assert.Contains("\"device_status\"", statements[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_day_of_message_numbers_cut_at_the_roll_ups_hour_is_one_day_and_the_cut_is_no_gap()
    {
        // 00:00–09:00 from the hourly roll-up, 09:00 on from raw data; seq 500–539 and 540–559, of which 545 was lost.
        SeqDay[] parts = [new("park-a", "p1", Day(15), 540, 559, 19), new("park-a", "p1", Day(14), 400, 499, 100), new("park-a", "p1", Day(15), 500, 539, 40)];

        var days = SegmentJoin.SeqDays(parts);

        Assert.Equal([new SeqDay("park-a", "p1", Day(14), 400, 499, 100), new SeqDay("park-a", "p1", Day(15), 500, 559, 59)], days.OrderBy(d => d.Day));
        var device = CompletenessCalculator.Calculate(new CompletenessRequest(December, null, null, null), new CompletenessInputs([], TimeSpan.FromDays(1), [], [], days),
            new Dictionary<string, TimeSpan>(StringComparer.Ordinal), TimeSpan.FromHours(1), "rollup_1h+raw", Now).Devices.Single();
        Assert.Equal((159L, 1L, 400L, 559L), (device.Messages, device.MissingMessages, device.FirstSeq, device.LastSeq));
    }

    [Fact]
    public void A_counting_day_cut_at_the_roll_ups_hour_is_one_day_so_the_usual_rate_is_that_of_whole_days()
    {
        // Three whole days of 1440 samples; today so far 540 from the hourly roll-up (to 09:00) and 80 from raw data.
        var parts = new[] { (12, 1440L), (13, 1440L), (14, 1440L), (15, 540L), (15, 80L) }
            .Select(c => new SampleCount("park-a", "p1", "aq-1", "air_quality", Day(c.Item1), c.Item2));

        var counts = SegmentJoin.Counts(parts);

        Assert.Equal([1440L, 1440L, 1440L, 620L], counts.OrderBy(c => c.Bucket).Select(c => c.Samples));
        var range = new TimeRange(Day(12), December.To);
        var sensor = CompletenessCalculator.Calculate(new CompletenessRequest(range, null, null, null), new CompletenessInputs(counts, TimeSpan.FromDays(1), [], [], []),
            new Dictionary<string, TimeSpan>(StringComparer.Ordinal), TimeSpan.FromHours(1), "rollup_1h+raw", Now).Devices.Single().Sensors.Single();
        Assert.Equal((4940L, 60.0), (sensor.Received, sensor.ExpectedIntervalS!.Value));
    }

    [Fact]
    public void A_completeness_range_not_over_yet_is_partial_and_one_that_ended_is_not()
    {
        var inputs = new CompletenessInputs([], TimeSpan.FromHours(1), [], [], []);
        var none = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

        var thisMonth = CompletenessCalculator.Calculate(new CompletenessRequest(December, null, null, null), inputs, none, TimeSpan.FromHours(1), "raw", Now);
        var lastMonth = CompletenessCalculator.Calculate(new CompletenessRequest(TimeRange.Month(2026, 11), null, null, null), inputs, none, TimeSpan.FromHours(1), "raw", Now);

        Assert.Equal((true, false), (thisMonth.Partial, lastMonth.Partial));
    }

    private static DateTimeOffset Day(int day) => new(2026, 12, day, 0, 0, 0, Wib.Offset);

    private static InfluxSeries Series(params (string Device, DateTimeOffset Start, double Sum, long Count, double Min, double Max)[] rows)
    {
        var series = new InfluxSeries("air_quality", new Dictionary<string, string> { ["device"] = rows[0].Device }, ["time", "sum", "min", "max", "count"]);
        foreach (var r in rows)
        {
            series.Rows.Add([r.Start.ToUnixTimeMilliseconds(), r.Sum, r.Min, r.Max, r.Count]);
        }

        return series;
    }

    private static InfluxSeries AirSeries(string[] columns, params (DateTimeOffset Start, object[] Values)[] rows)
    {
        var tags = new Dictionary<string, string> { ["site"] = "park-alun-kapuas", ["device"] = "park-01", ["sensor"] = "aq-1" };
        var series = new InfluxSeries("air_quality", tags, ["time", .. columns]);
        foreach (var (start, values) in rows)
        {
            series.Rows.Add([start.ToUnixTimeMilliseconds(), .. values]);
        }

        return series;
    }

    private static ReportStorage Storage(TimeSpan? rawRetention) =>
        new(Options.Create(new InfluxDbOptions()), Options.Create(new ReportsOptions { RawRetention = rawRetention }));

    private static SourceSelector Selector(DateTimeOffset now, TimeSpan? rawRetention = null) =>
        new(Storage(rawRetention), Options.Create(new ReportsOptions { RawRetention = rawRetention }), new FakeTimeProvider(now));
}
