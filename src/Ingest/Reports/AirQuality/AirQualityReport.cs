using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Requests;

namespace Pontive.Iot.Ingest.Reports.AirQuality;

/// <summary>What an air-quality report is asked: a range of WIB days, optionally one site and one device.</summary>
public sealed record AirQualityRequest(TimeRange Range, string? Site, string? Device, DataSource? Source);

/// <summary>
/// Daily ISPU of each air-quality sensor: the 24-hour (WIB day) mean of PM2.5 and PM10, each as ISPU, and the day's
/// ISPU as the higher of the two with its category and the parameter that set it. <c>*_hours</c> says how many hours of
/// the day had samples, so a reader can set aside days a sensor was mostly off; a day marked <c>partial</c> had not ended
/// when the report was made (or reaches outside the range). <see cref="Categories"/> is the legend. <see cref="Source"/>
/// names the sources read, in time order: <c>rollup_1h+raw</c> when the hours the roll-up does not hold yet came from raw data.
/// </summary>
public sealed record AirQualityReport(
    string Report,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Source,
    string Regulation,
    IReadOnlyList<AirQualityDay> Days,
    IReadOnlyList<AirQualitySensorSummary> Sensors,
    IReadOnlyList<IspuCategory> Categories);

public sealed record AirQualityDay(
    string Date,
    DateTimeOffset Start,
    string Site,
    string Device,
    string Sensor,
    double? Pm25Ugm3,
    long Pm25Samples,
    int Pm25Hours,
    int? Pm25Ispu,
    double? Pm10Ugm3,
    long Pm10Samples,
    int Pm10Hours,
    int? Pm10Ispu,
    int Ispu,
    string Category,
    string CategoryName,
    string Color,
    string ColorHex,
    string Dominant,
    bool Partial = false);

/// <summary>
/// The range at a glance for one sensor: days in each category and the worst day. The days counted include a partial
/// one (today, so far), which is shown rather than hidden like its row; <see cref="Partial"/> then says so, as the
/// counts and the worst day may still change when it ends.
/// </summary>
public sealed record AirQualitySensorSummary(
    string Site,
    string Device,
    string Sensor,
    int Days,
    int WorstIspu,
    string WorstDate,
    IReadOnlyDictionary<string, int> DaysByCategory,
    bool Partial);
