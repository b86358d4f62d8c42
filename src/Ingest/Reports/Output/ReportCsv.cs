using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;

namespace Pontive.Iot.Ingest.Reports.Output;

/// <summary>Each report as one CSV table: one row per period and bank and category, per window, per day, per sensor.</summary>
public static class ReportCsv
{
    /// <param name="level"><c>category</c> (a row per period, bank and category), <c>site</c> (per period and bank) or <c>period</c>.</param>
    public static string Waste(WasteReport report, string level)
    {
        ArgumentNullException.ThrowIfNull(report);
        const string mass = "mass_kg", deposits = "deposits", members = "members", value = "value_idr";
        const string voided = "voided_deposits", voidedMass = "voided_mass_kg", voidedValue = "voided_value_idr";
        switch (level)
        {
            case "site":
                var sites = new CsvTable("period", "period_start", "site", mass, deposits, members, value, voided, voidedMass, voidedValue);
                foreach (var r in report.Sites)
                {
                    sites.Row(r.Period, r.PeriodStart, r.Site, r.MassKg, r.Deposits, r.Members, r.ValueIdr, r.VoidedDeposits, r.VoidedMassKg, r.VoidedValueIdr);
                }

                return sites.ToString();
            case "period":
                var periods = new CsvTable("period", "period_start", mass, deposits, members, value, voided, voidedMass, voidedValue);
                foreach (var r in report.Periods)
                {
                    periods.Row(r.Period, r.PeriodStart, r.MassKg, r.Deposits, r.Members, r.ValueIdr, r.VoidedDeposits, r.VoidedMassKg, r.VoidedValueIdr);
                }

                return periods.ToString();
            default:
                var rows = new CsvTable("period", "period_start", "site", "category", mass, deposits, members, value, voided, voidedMass, voidedValue);
                foreach (var r in report.Rows)
                {
                    rows.Row(r.Period, r.PeriodStart, r.Site, r.Category, r.MassKg, r.Deposits, r.Members, r.ValueIdr, r.VoidedDeposits, r.VoidedMassKg, r.VoidedValueIdr);
                }

                return rows.ToString();
        }
    }

    public static string SensorHistory(SensorHistoryReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new CsvTable("site", "device", "sensor", "field", "unit", "window_start", "mean", "min", "max", "count", "ispu", "ispu_category", "partial");
        foreach (var series in report.Series)
        {
            foreach (var p in series.Points)
            {
                table.Row(report.Site, series.Device, report.Sensor, report.Field, report.Unit, p.Time, p.Mean, p.Min, p.Max, p.Count, p.Ispu, p.IspuCategory, p.Partial);
            }
        }

        return table.ToString();
    }

    public static string AirQuality(AirQualityReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new CsvTable("date", "site", "device", "sensor", "pm25_ugm3", "pm25_samples", "pm25_hours", "pm25_ispu",
            "pm10_ugm3", "pm10_samples", "pm10_hours", "pm10_ispu", "ispu", "category", "dominant", "partial");
        foreach (var d in report.Days)
        {
            table.Row(d.Date, d.Site, d.Device, d.Sensor, d.Pm25Ugm3, d.Pm25Samples, d.Pm25Hours, d.Pm25Ispu,
                d.Pm10Ugm3, d.Pm10Samples, d.Pm10Hours, d.Pm10Ispu, d.Ispu, d.CategoryName, d.Dominant, d.Partial);
        }

        return table.ToString();
    }

    /// <summary>
    /// A row per sensor, with its device's figures repeated; a device with no sensors in range has one row. Every row says
    /// whether the range was still open (<c>partial</c>), as a spreadsheet has no other place for it.
    /// </summary>
    public static string Completeness(CompletenessReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var table = new CsvTable("site", "device", "device_last_seen", "silent", "silent_for_s", "last_status", "messages", "missing_messages",
            "sensor", "kind", "received", "expected", "expected_interval_s", "interval_source", "completeness_pct", "sensor_last_seen", "partial");
        foreach (var d in report.Devices)
        {
            if (d.Sensors.Count == 0)
            {
                table.Row(d.Site, d.Device, d.LastSeen, d.Silent, d.SilentForS, d.LastStatus, d.Messages, d.MissingMessages,
                    null, null, null, null, null, null, null, null, report.Partial);
            }

            foreach (var s in d.Sensors)
            {
                table.Row(d.Site, d.Device, d.LastSeen, d.Silent, d.SilentForS, d.LastStatus, d.Messages, d.MissingMessages,
                    s.Sensor, s.Kind, s.Received, s.Expected, s.ExpectedIntervalS, s.IntervalSource, s.CompletenessPct, s.LastSeen, report.Partial);
            }
        }

        return table.ToString();
    }
}
