using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Requests;

namespace Pontive.Iot.Ingest.Tests.Reports;

/// <summary>
/// What analysts type (in a URL or on the command line) and what it means: dates are WIB days, the end is excluded,
/// and every mistake is named in the answer, all of them at once.
/// </summary>
public sealed class ReportParametersTests
{
    private static readonly ReportsOptions Options = new();

    [Fact]
    public void A_date_is_midnight_in_pontianak_and_the_end_date_is_excluded()
    {
        var (request, _) = Waste(("from", "2026-11-01"), ("to", "2026-12-01"));

        Assert.Equal(new DateTimeOffset(2026, 10, 31, 17, 0, 0, TimeSpan.Zero), request.Range.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero), request.Range.To);
    }

    [Fact]
    public void A_month_is_the_whole_wib_calendar_month()
    {
        var (request, _) = Waste(("month", "2026-02"));

        Assert.Equal(new DateTimeOffset(2026, 2, 1, 0, 0, 0, Wib.Offset), request.Range.From);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, Wib.Offset), request.Range.To);
    }

    [Theory]
    [InlineData("2026-11-01T06:30", "2026-10-31T23:30:00Z")]
    [InlineData("2026-11-01T06:30:00+07:00", "2026-10-31T23:30:00Z")]
    [InlineData("2026-11-01T06:30:00 07:00", "2026-10-31T23:30:00Z")]
    [InlineData("2026-10-31T23:30:00Z", "2026-10-31T23:30:00Z")]
    public void A_time_without_offset_is_wib_and_one_with_an_offset_is_taken_as_written(string text, string utc)
    {
        var (request, _) = Waste(("from", text), ("to", "2026-11-02"));

        Assert.Equal(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), request.Range.From);
    }

    [Theory]
    [InlineData("by", "year", "by 'year' must be day, week or month")]
    [InlineData("site", "Bank_1", "site 'Bank_1' must be lower-case letters, digits and '-'")]
    [InlineData("level", "member", "level 'member' must be category, site or period")]
    [InlineData("format", "xlsx", "format 'xlsx' must be json or csv")]
    [InlineData("form", "2026-11-01", "unknown parameter 'form'")]
    public void A_bad_parameter_is_named_with_what_it_should_be(string name, string value, string message)
    {
        var error = Assert.Throws<ReportRequestException>(() => Waste(("month", "2026-11"), (name, value)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var error = Assert.Throws<ReportRequestException>(() => Waste(("from", "2026-13-01"), ("to", "2026-12-01"), ("by", "hour"), ("site", "X")));

        Assert.Contains("from '2026-13-01' is not a date", error.Message, StringComparison.Ordinal);
        Assert.Contains("by 'hour'", error.Message, StringComparison.Ordinal);
        Assert.Contains("site 'X'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-12-01", "2026-11-01", "to (2026-11-01) must be after from (2026-12-01)")]
    [InlineData("2026-11-01", "2026-11-01", "must be after")]
    [InlineData("2020-01-01", "2026-01-01", "reports cover at most 1830 days")]
    public void A_range_that_ends_before_it_starts_or_is_too_long_is_refused(string from, string to, string message)
    {
        var error = Assert.Throws<ReportRequestException>(() => Waste(("from", from), ("to", to)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_is_required_and_the_message_shows_how_to_give_one()
    {
        var error = Assert.Throws<ReportRequestException>(() => Waste());

        Assert.Contains("from=2026-11-01&to=2026-12-01", error.Message, StringComparison.Ordinal);
        Assert.Contains("month=2026-11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Month_together_with_from_is_refused()
    {
        var error = Assert.Throws<ReportRequestException>(() => Waste(("month", "2026-11"), ("from", "2026-11-01")));

        Assert.Contains("either month or from and to", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_one_kind_only_needs_no_kind()
    {
        var request = ReportRequests.SensorHistory(Parameters(("month", "2026-11"), ("site", "park-a"), ("sensor", "aq-1"), ("field", "pm25_ugm3")), Options);

        Assert.Equal("air_quality", request.Kind.Name);
        Assert.Equal("1h", request.Window.Text);
        Assert.Null(request.Source);
    }

    [Fact]
    public void A_value_of_two_kinds_asks_for_the_kind()
    {
        var error = Assert.Throws<ReportRequestException>(() =>
            ReportRequests.SensorHistory(Parameters(("month", "2026-11"), ("site", "park-a"), ("sensor", "env-1"), ("field", "temperature_c")), Options));

        Assert.Contains("field 'temperature_c' is a value of environment and soil: add kind=", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_not_of_the_kind_given_is_refused_with_the_kinds_values()
    {
        var error = Assert.Throws<ReportRequestException>(() =>
            ReportRequests.SensorHistory(Parameters(("month", "2026-11"), ("site", "park-a"), ("sensor", "s"), ("field", "moisture_pct"), ("kind", "environment")), Options));

        Assert.Contains("field 'moisture_pct' is not a value of environment; its values are humidity_pct, pressure_hpa, temperature_c", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("window", "90s", "window '90s' is not a duration like 15m, 1h, 6h, 1d or 1w")]
    [InlineData("window", "2w", "weeks are 1w")]
    [InlineData("window", "40d", "must be between 1m and 31d")]
    [InlineData("source", "rollup_1m", "source 'rollup_1m' must be auto, raw, rollup_1h or rollup_1d")]
    public void A_bad_window_or_source_is_refused(string name, string value, string message)
    {
        var error = Assert.Throws<ReportRequestException>(() =>
            ReportRequests.SensorHistory(Parameters(("month", "2026-11"), ("site", "park-a"), ("sensor", "aq-1"), ("field", "pm25_ugm3"), (name, value)), Options));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Site_sensor_and_field_are_required_for_a_sensor_history()
    {
        var error = Assert.Throws<ReportRequestException>(() => ReportRequests.SensorHistory(Parameters(("month", "2026-11")), Options));

        Assert.Contains("site is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("sensor is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("field is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Silent_after_is_a_duration()
    {
        var request = ReportRequests.Completeness(Parameters(("month", "2026-11"), ("silent_after", "2h")), Options);

        Assert.Equal(TimeSpan.FromHours(2), request.SilentAfter);
        Assert.Throws<ReportRequestException>(() => ReportRequests.Completeness(Parameters(("month", "2026-11"), ("silent_after", "soon")), Options));
    }

    private static (Pontive.Iot.Ingest.Reports.Waste.WasteRequest Request, string Level) Waste(params (string Name, string Value)[] values) =>
        ReportRequests.Waste(Parameters(values), Options);

    private static ReportParameters Parameters(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal));
}
