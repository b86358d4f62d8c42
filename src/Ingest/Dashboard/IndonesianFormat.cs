using System.Globalization;

namespace Pontive.Iot.Ingest.Dashboard;

/// <summary>
/// Numbers, money and dates as the city office writes them: a dot between thousands and a comma before decimals
/// (<c>1.234,5</c>), rupiah as <c>Rp 123.654</c>, Indonesian month names. Built by hand because Ingest runs with
/// invariant globalization (no culture data on the device), so <c>id-ID</c> cannot be asked for.
/// </summary>
public static class IndonesianFormat
{
    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NegativeSign = "−",
    };

    private static readonly string[] MonthNames =
        ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

    private static readonly string[] MonthShortNames =
        ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];

    /// <summary>A number with thousands grouped and at most <paramref name="decimals"/> decimals, trailing zeros dropped: <c>1.234,5</c>.</summary>
    public static string Number(double value, int decimals = 1) => value.ToString(Pattern(decimals), Numbers);

    /// <summary>A decimal with thousands grouped and at most <paramref name="decimals"/> decimals: <c>41,218</c>.</summary>
    public static string Number(decimal value, int decimals = 3) => value.ToString(Pattern(decimals), Numbers);

    /// <summary>A whole number with thousands grouped: <c>12.345</c>.</summary>
    public static string Whole(long value) => value.ToString("#,0", Numbers);

    /// <summary>Kilograms as stored (to the gram): <c>41,218 kg</c>.</summary>
    public static string Kilograms(decimal kg) => Number(kg, 3) + " kg";

    /// <summary>Rupiah, whole: <c>Rp 123.654</c>.</summary>
    public static string Rupiah(long idr) => "Rp " + Whole(idr);

    /// <summary>A long figure shortened for an axis: <c>950</c>, <c>1,5 rb</c> (ribu, thousand), <c>2,3 jt</c> (juta, million), <c>1,2 M</c> (miliar).</summary>
    public static string Abbreviated(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude switch
        {
            >= 1e9 => Number(value / 1e9) + " M",
            >= 1e6 => Number(value / 1e6) + " jt",
            >= 1e4 => Number(value / 1e3) + " rb",
            _ => Number(value, magnitude < 10 ? 2 : 1),
        };
    }

    /// <summary>A percentage with one decimal: <c>99,7 %</c>.</summary>
    public static string Percent(double value) => Number(value, 1) + " %";

    /// <summary><c>November 2026</c>.</summary>
    public static string Month(DateTimeOffset start) => $"{MonthNames[start.Month - 1]} {start.Year.ToString(CultureInfo.InvariantCulture)}";

    /// <summary><c>Nov</c>.</summary>
    public static string MonthShort(int month) => MonthShortNames[month - 1];

    /// <summary><c>3 Nov 2026 14:05</c>, in the offset the time carries (reports give WIB).</summary>
    public static string DateTime(DateTimeOffset time) =>
        string.Create(CultureInfo.InvariantCulture, $"{time.Day} {MonthShort(time.Month)} {time.Year} {time:HH:mm}");

    /// <summary><c>3 Nov</c>.</summary>
    public static string DayMonth(DateTimeOffset time) => string.Create(CultureInfo.InvariantCulture, $"{time.Day} {MonthShort(time.Month)}");

    private static string Pattern(int decimals) => decimals > 0 ? "#,0." + new string('#', decimals) : "#,0";

    /// <summary>A span people read: <c>45 menit</c>, <c>5 jam</c>, <c>25 hari</c> (minutes, hours, days).</summary>
    public static string Duration(TimeSpan span) => span switch
    {
        { TotalMinutes: < 60 } => $"{Math.Max(0, (long)span.TotalMinutes).ToString(CultureInfo.InvariantCulture)} menit",
        { TotalHours: < 48 } => $"{((long)span.TotalHours).ToString(CultureInfo.InvariantCulture)} jam",
        _ => $"{((long)span.TotalDays).ToString(CultureInfo.InvariantCulture)} hari",
    };
}
