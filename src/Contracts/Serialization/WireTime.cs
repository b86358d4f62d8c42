using System.Globalization;

namespace Pontive.Iot.Contracts.Serialization;

/// <summary>
/// Times on the wire: RFC 3339 in UTC with milliseconds, <c>2026-11-28T03:15:00.120Z</c>. Exactly this form,
/// because the millisecond is part of a point's identity in InfluxDB (see the contract's identity rules).
/// </summary>
public static class WireTime
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public const string Example = "2026-11-28T03:15:00.120Z";

    public static string Write(DateTimeOffset time) =>
        Truncate(time).UtcDateTime.ToString(Format, CultureInfo.InvariantCulture);

    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        if (DateTime.TryParseExact(text, Format, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var utc))
        {
            time = new DateTimeOffset(utc, TimeSpan.Zero);
            return true;
        }

        time = default;
        return false;
    }

    /// <summary>Drops what is finer than a millisecond, so a time survives the wire unchanged.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) =>
        new(time.UtcTicks - (time.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
