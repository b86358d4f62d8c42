namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>Western Indonesia Time, Pontianak's clock all year (UTC+7, no daylight saving): the kiosk's "today".</summary>
public static class Wib
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    /// <summary>The WIB calendar day containing <paramref name="instant"/>, as a UTC range [start, end).</summary>
    public static (DateOnly Date, DateTimeOffset Start, DateTimeOffset End) DayOf(DateTimeOffset instant)
    {
        var local = instant.ToOffset(Offset);
        var start = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, Offset);
        return (DateOnly.FromDateTime(local.Date), start, start.AddDays(1));
    }
}
