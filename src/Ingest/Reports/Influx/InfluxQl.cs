using System.Globalization;

namespace Pontive.Iot.Ingest.Reports.Influx;

/// <summary>The pieces of InfluxQL the reports build statements from; every name and value is quoted, never pasted.</summary>
public static class InfluxQl
{
    /// <summary>An identifier in double quotes: any name, reserved words included.</summary>
    public static string Identifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A string literal in single quotes, for tag comparisons.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";
    }

    /// <summary>An instant as an RFC 3339 literal in UTC with nanoseconds, which every InfluxDB version reads.</summary>
    public static string Time(DateTimeOffset instant) =>
        "'" + instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffff", CultureInfo.InvariantCulture) + "00Z'";

    /// <summary><c>"db"."rp"."measurement"</c>, or <c>"db".."measurement"</c> for the database's default policy.</summary>
    public static string Measurement(string database, string? retentionPolicy, string measurement) =>
        $"{Identifier(database)}.{(string.IsNullOrEmpty(retentionPolicy) ? string.Empty : Identifier(retentionPolicy))}.{Identifier(measurement)}";

    /// <summary>A duration InfluxQL reads, in whole hours or smaller units (InfluxQL has no months).</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerHour == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalHours}h");
        }

        if (duration.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalSeconds}s");
        }

        return string.Create(CultureInfo.InvariantCulture, $"{(long)duration.TotalMilliseconds}ms");
    }

    /// <summary><c>time &gt;= 'from' AND time &lt; 'to'</c>.</summary>
    public static string TimeBetween(DateTimeOffset from, DateTimeOffset to) => $"time >= {Time(from)} AND time < {Time(to)}";

    /// <summary><c> AND "tag" = 'value'</c> for each tag given a value; nothing for the others.</summary>
    public static string TagFilters(params (string Tag, string? Value)[] filters)
    {
        ArgumentNullException.ThrowIfNull(filters);
        return string.Concat(filters.Where(f => f.Value is not null).Select(f => $" AND {Identifier(f.Tag)} = {Literal(f.Value!)}"));
    }
}
