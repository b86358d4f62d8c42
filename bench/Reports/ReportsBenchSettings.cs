using System.Globalization;

namespace Pontive.Iot.Bench.Reports;

/// <summary>What one run measures: how much data, where, and how often each query is timed.</summary>
internal sealed record ReportsBenchSettings(Uri InfluxDbUrl, int Days, int IntervalSeconds, int Banks, int DepositsPerBankPerDay, int Repeats, string? ResultsFile, bool KeepDatabase = false)
{
    /// <summary>Ten parks with five sensors each (environment, soil, air quality, light, bin fill level): 50 sensors.</summary>
    public const int Parks = 10;

    public const int SensorsPerPark = 5;

    /// <summary>The data ends at 00:00 WIB on 1 December 2026, so a year of it is December 2025 to November 2026.</summary>
    public static readonly DateTimeOffset End = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public DateTimeOffset Start => End.AddDays(-Days);

    public string RunId { get; } = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + Guid.NewGuid().ToString("N")[..6];

    public string Database => $"bench_reports_{RunId}";
}
