using System.Globalization;
using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>
/// What the dashboard page is asked: a WIB month (default: this month) and, for the sensor chart, a sensor
/// (<c>sensor=site/sensor</c>, or <c>site=</c> and <c>sensor=</c>), a value and a window (each optional: the page picks sensible ones). The page is lenient: anything it does not
/// understand is named in <see cref="Problems"/> and replaced by the default, so an analyst always gets a page.
/// </summary>
public sealed record DashboardRequest(int Year, int Month, string? Site, string? Sensor, string? Field, string? Window, IReadOnlyList<string> Problems)
{
    /// <summary>The sensor chart's windows on offer.</summary>
    public static readonly IReadOnlyList<string> Windows = ["1h", "6h", "1d"];

    /// <summary>How many months the waste chart shows, ending with the chosen one.</summary>
    public const int ChartMonths = 12;

    public TimeRange Range => TimeRange.Month(Year, Month);

    /// <summary>The waste chart's range: <see cref="ChartMonths"/> months ending with the chosen one.</summary>
    public TimeRange ChartRange => new(Range.From.AddMonths(1 - ChartMonths), Range.To);

    public string MonthText => string.Create(CultureInfo.InvariantCulture, $"{Year:0000}-{Month:00}");

    public static DashboardRequest From(IReadOnlyDictionary<string, string> query, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        var today = Wib.ToWib(now);
        var (year, month) = (today.Year, today.Month);
        if (Value(query, "month") is { } text)
        {
            if (DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) && parsed.Year >= 2000)
            {
                (year, month) = (parsed.Year, parsed.Month);
            }
            else
            {
                problems.Add($"Bulan '{text}' tidak dikenal; contoh 2026-11. (Month '{text}' is not a month like 2026-11.)");
            }
        }

        var window = Value(query, "window");
        if (window is not null && !Windows.Contains(window))
        {
            problems.Add($"Jendela '{window}' bukan salah satu dari {string.Join(", ", Windows)}. (Window '{window}' is not one of them.)");
            window = null;
        }

        // The page's selector sends "site/sensor"; site= and sensor= apart are understood too (as /reports takes them).
        var site = Value(query, "site");
        var sensor = Value(query, "sensor");
        if (sensor?.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
        {
            (site, sensor) = (sensor[..slash], sensor[(slash + 1)..]);
        }

        return new DashboardRequest(year, month, site, sensor, Value(query, "field"), window, problems);
    }

    private static string? Value(IReadOnlyDictionary<string, string> query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
