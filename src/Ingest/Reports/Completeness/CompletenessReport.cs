using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Requests;

namespace Pontive.Iot.Ingest.Reports.Completeness;

/// <summary>What a completeness report is asked: a range, optionally one site, and when a device counts as silent.</summary>
public sealed record CompletenessRequest(TimeRange Range, string? Site, TimeSpan? SilentAfter, DataSource? Source);

/// <summary>
/// Data completeness per device and sensor: samples received against samples expected (from the configured sampling
/// interval, or the one seen in the data), messages missing by their <c>seq</c>, when each was last heard from, and
/// which devices are silent. Devices last heard from more than <see cref="CompletenessCalculator.Lookback"/> before the
/// range are not listed. <see cref="Source"/> names the sources read, in time order (<c>rollup_1h+raw</c> when the hours
/// the roll-up does not hold yet came from raw data); <see cref="Partial"/> when the range had not ended when the report
/// was made (this month, today): samples and messages are counted up to now, and will still grow.
/// </summary>
public sealed record CompletenessReport(
    string Report,
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    string Source,
    long SilentAfterS,
    DateTimeOffset AsOf,
    bool Partial,
    IReadOnlyList<DeviceCompleteness> Devices);

/// <summary>
/// One device. <see cref="MissingMessages"/> counts gaps in the device's message numbers within the range; null when its
/// messages' numbers are not recorded (<c>telemetry_batch</c>).
/// </summary>
public sealed record DeviceCompleteness(
    string Site,
    string Device,
    DateTimeOffset? LastSeen,
    bool Silent,
    long? SilentForS,
    string? LastStatus,
    DateTimeOffset? LastStatusAt,
    long Messages,
    long? MissingMessages,
    long? FirstSeq,
    long? LastSeq,
    IReadOnlyList<SensorCompleteness> Sensors);

/// <summary>
/// One sensor. A sample counts once however many of its kind's values it carries. <see cref="IntervalSource"/> is
/// <c>configured</c> (Reports:ExpectedIntervals), <c>observed</c> (the typical spacing in the range) or <c>unknown</c>.
/// </summary>
public sealed record SensorCompleteness(
    string Sensor,
    string Kind,
    long Received,
    long? Expected,
    double? ExpectedIntervalS,
    string IntervalSource,
    double? CompletenessPct,
    DateTimeOffset? LastSeen);
