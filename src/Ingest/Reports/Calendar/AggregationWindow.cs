using System.Globalization;
using System.Text.RegularExpressions;

namespace Pontive.Iot.Ingest.Reports.Calendar;

/// <summary>
/// The width of each point of a sensor history: <c>15m</c>, <c>1h</c>, <c>6h</c>, <c>1d</c>, <c>1w</c>. Windows are
/// aligned to WIB: a <c>1d</c> window runs from 00:00 WIB, a <c>1w</c> window from Monday 00:00 WIB, a <c>6h</c> window
/// from 00:00, 06:00, 12:00 and 18:00 WIB.
/// </summary>
public sealed partial record AggregationWindow
{
    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    private AggregationWindow(TimeSpan length, string text)
    {
        Length = length;
        Text = text;
    }

    public TimeSpan Length { get; }

    /// <summary>The window as asked, e.g. <c>1h</c>.</summary>
    public string Text { get; }

    public static AggregationWindow Hour { get; } = new(TimeSpan.FromHours(1), "1h");

    public static AggregationWindow Day { get; } = new(TimeSpan.FromDays(1), "1d");

    public bool IsWholeHours => Length.Ticks % TimeSpan.TicksPerHour == 0;

    public bool IsWholeDays => Length.Ticks % TimeSpan.TicksPerDay == 0;

    /// <summary>Parses <c>Nm</c>, <c>Nh</c>, <c>Nd</c> or <c>1w</c>; null with the reason otherwise.</summary>
    public static AggregationWindow? Parse(string? text, out string? problem)
    {
        problem = null;
        var match = text is null ? Match.Empty : Pattern().Match(text);
        if (!match.Success)
        {
            problem = $"window '{text}' is not a duration like 15m, 1h, 6h, 1d or 1w";
            return null;
        }

        var count = int.Parse(match.Groups["count"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        var length = match.Groups["unit"].Value switch
        {
            "m" => TimeSpan.FromMinutes(count),
            "h" => TimeSpan.FromHours(count),
            "d" => TimeSpan.FromDays(count),
            _ => TimeSpan.FromDays(7 * count),
        };
        if (length < TimeSpan.FromMinutes(1) || length > TimeSpan.FromDays(31))
        {
            problem = $"window '{text}' must be between 1m and 31d";
            return null;
        }

        if (match.Groups["unit"].Value == "w" && count != 1)
        {
            problem = $"window '{text}': weeks are 1w (Monday to Sunday); for longer spans use days, e.g. 14d";
            return null;
        }

        return new AggregationWindow(length, text!);
    }

    /// <summary>
    /// InfluxQL <c>time(…, offset)</c> for this window, aligned to WIB. InfluxDB starts its windows at multiples of the
    /// length since 1970-01-01T00:00Z (a Thursday); the offset moves them to WIB midnights, and a week to a Monday.
    /// </summary>
    public string GroupByTime()
    {
        var lengthMinutes = (long)Length.TotalMinutes;
        // A window boundary b satisfies (b + 7h) mod length == 0 in WIB; for weeks, WIB day 0 (Thursday) + 4 days is a Monday.
        var shift = Length == Week ? TimeSpan.FromDays(4) - Wib.Offset : -Wib.Offset;
        var offsetMinutes = (((long)shift.TotalMinutes % lengthMinutes) + lengthMinutes) % lengthMinutes;
        return string.Create(CultureInfo.InvariantCulture, $"time({lengthMinutes}m, {offsetMinutes}m)");
    }

    /// <summary>The number of windows in a range, to refuse answers too long to be useful.</summary>
    public long CountIn(TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return (long)Math.Ceiling(range.Length / Length) + 1;
    }

    public override string ToString() => Text;

    [GeneratedRegex("^(?<count>[1-9][0-9]{0,4})(?<unit>[mhdw])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
