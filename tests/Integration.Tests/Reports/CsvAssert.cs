using System.Globalization;
using static Pontive.Iot.Integration.Tests.Reports.ReportExpectations;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>Reads a waste CSV (one row per period, bank and category) and compares it with the seed.</summary>
public static class CsvAssert
{
    public static void WasteMatchesSeed(ReportSeed seed, string month, string csv)
    {
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(csv);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("period,period_start,site,category,mass_kg,deposits,members,value_idr,voided_deposits,voided_mass_kg,voided_value_idr", lines[0]);
        var rows = lines.Skip(1).Select(line => line.Split(',')).Select(c => (
            c[0], c[2], c[3],
            new WasteFigures(decimal.Parse(c[4], CultureInfo.InvariantCulture), int.Parse(c[5], CultureInfo.InvariantCulture), int.Parse(c[6], CultureInfo.InvariantCulture),
                long.Parse(c[7], CultureInfo.InvariantCulture), int.Parse(c[8], CultureInfo.InvariantCulture), decimal.Parse(c[9], CultureInfo.InvariantCulture),
                long.Parse(c[10], CultureInfo.InvariantCulture))))
            .ToList();
        var expected = seed.Deposits.Where(d => MonthOf(d.Time) == month)
            .GroupBy(d => (d.Site, d.Category))
            .OrderBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Category, StringComparer.Ordinal)
            .Select(g => (month, g.Key.Site, g.Key.Category, Waste(seed, g)))
            .ToList();
        Assert.Equal(expected, rows);
    }
}
