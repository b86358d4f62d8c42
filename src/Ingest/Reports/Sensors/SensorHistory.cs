using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Requests;

namespace Pontive.Iot.Ingest.Reports.Sensors;

/// <summary>What a sensor history is asked: one value of one sensor at a site (of one device, or each that has it).</summary>
public sealed record SensorHistoryRequest(
    TimeRange Range,
    string Site,
    string? Device,
    string Sensor,
    SensorKind Kind,
    string Field,
    AggregationWindow Window,
    DataSource? Source);

/// <summary>
/// One value of one sensor over time, a point per window (windows without samples are left out). For PM2.5 and PM10
/// each point also has the ISPU of its mean; the regulation's ISPU is that of a 24-hour mean, so only
/// <c>window=1d</c> gives the official figure (see the air-quality report). <see cref="Source"/> names the sources read,
/// in time order: <c>rollup_1d+raw</c> when the days the roll-up does not hold yet came from raw data.
/// </summary>
public sealed record SensorHistoryReport(
    string Report,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Site,
    string Sensor,
    string Kind,
    string Field,
    string Unit,
    string Window,
    string Source,
    IReadOnlyList<SensorSeries> Series);

/// <summary>The points of one device's sensor.</summary>
public sealed record SensorSeries(string Device, IReadOnlyList<SensorPoint> Points);

/// <summary>
/// One window: it starts at <see cref="Time"/> (WIB) and holds <see cref="Count"/> samples. <see cref="Partial"/> when
/// the window had not ended when the report was made (today, this hour: its figures will still change) or reaches
/// outside the report's range.
/// </summary>
public sealed record SensorPoint(DateTimeOffset Time, double Mean, double Min, double Max, long Count, int? Ispu, string? IspuCategory, bool Partial = false);
