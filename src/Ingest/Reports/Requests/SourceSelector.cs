using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Reports.Requests;

/// <summary>
/// Raw telemetry or a roll-up, for one report. Short ranges read raw data (exact to the sample, and current to the
/// last write); longer ones read the coarsest roll-up whose windows fit the report's (a roll-up can only answer
/// whole hours, or whole WIB days); ranges older than the raw retention must read a roll-up. A roll-up does not hold
/// the current hour or day yet, so <see cref="Plan"/> reads that tail from raw data.
/// </summary>
public sealed class SourceSelector
{
    /// <summary>
    /// How long after a roll-up window ends its continuous query has surely written it. The queries run at every whole
    /// hour (<c>RESAMPLE EVERY 1h</c>, see <c>RollupPlan.Resample</c>) and each writes the windows that ended by then,
    /// so a window that ended at 10:00 is in its roll-up from the 10:00 run on; an hour's margin covers the run itself.
    /// </summary>
    public static readonly TimeSpan RollupLag = TimeSpan.FromHours(1);

    private readonly ReportStorage _storage;
    private readonly ReportsOptions _options;
    private readonly TimeProvider _time;

    public SourceSelector(ReportStorage storage, IOptions<ReportsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _storage = storage;
        _options = options.Value;
        _time = time;
    }

    /// <param name="asked">The source the caller asked for, or null for the best one.</param>
    /// <param name="window">Each point's window; null when the report needs whole WIB days.</param>
    /// <param name="allowDaily">False when the report needs hourly detail (hours with data).</param>
    /// <exception cref="ReportRequestException">The asked source cannot answer this range or window.</exception>
    public DataSource Choose(DataSource? asked, TimeRange range, AggregationWindow? window, bool allowDaily = true)
    {
        ArgumentNullException.ThrowIfNull(range);
        var rawProblem = RawProblem(range);
        var hourlyProblem = HourlyProblem(range, window);
        var dailyProblem = allowDaily ? DailyProblem(range, window) : "this report needs hourly detail, which rollup_1d does not keep";
        switch (asked)
        {
            case DataSource.Raw:
                return rawProblem is null ? DataSource.Raw : throw new ReportRequestException($"source=raw: {rawProblem}");
            case DataSource.Hourly:
                return hourlyProblem is null ? DataSource.Hourly : throw new ReportRequestException($"source=rollup_1h: {hourlyProblem}");
            case DataSource.Daily:
                return dailyProblem is null ? DataSource.Daily : throw new ReportRequestException($"source=rollup_1d: {dailyProblem}");
        }

        if (rawProblem is null && range.Length <= _options.RawReadLimit)
        {
            return DataSource.Raw;
        }

        if (dailyProblem is null)
        {
            return DataSource.Daily;
        }

        if (hourlyProblem is null)
        {
            return DataSource.Hourly;
        }

        return rawProblem is null
            ? DataSource.Raw
            : throw new ReportRequestException($"{rawProblem}; and no roll-up fits: {hourlyProblem}");
    }

    /// <summary>
    /// Which source reads which part of the range: <paramref name="chosen"/> up to what it holds
    /// (<see cref="HeldUntil"/>), the rest from raw data (exact and current to the last write). Should raw data not
    /// reach back that far, the daily roll-up's tail is read from the hourly one, and its tail from raw data.
    /// </summary>
    public SourcePlan Plan(DataSource chosen, TimeRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        var now = _time.GetUtcNow();
        var segments = new List<SourceSegment>();
        var from = range.From;
        var source = chosen;
        while (from < range.To)
        {
            var held = source == DataSource.Raw ? range.To : HeldUntil(source, now);
            var end = held < range.To ? held : range.To;
            if (from < end)
            {
                segments.Add(new SourceSegment(source, new TimeRange(from, end)));
                from = end;
            }

            if (source == DataSource.Raw)
            {
                break;
            }

            source = source == DataSource.Daily && RawProblem(new TimeRange(from, range.To)) is not null ? DataSource.Hourly : DataSource.Raw;
        }

        return new SourcePlan(chosen, range, segments, now);
    }

    /// <summary>
    /// Up to when a roll-up holds data at <paramref name="now"/>: the start of the hour (WIB day) that holds
    /// <paramref name="now"/> − <see cref="RollupLag"/>. Its windows before that are written; later ones are missing or
    /// hold only what had arrived at the last run.
    /// </summary>
    public static DateTimeOffset HeldUntil(DataSource rollup, DateTimeOffset now) => rollup switch
    {
        DataSource.Hourly => StartOfHour(now - RollupLag),
        DataSource.Daily => Wib.StartOfDay(now - RollupLag),
        _ => DateTimeOffset.MaxValue,
    };

    private string? RawProblem(TimeRange range)
    {
        if (_storage.RawRetention is not { } retention)
        {
            return null;
        }

        var oldest = _time.GetUtcNow() - retention;
        return range.From < oldest
            ? $"raw telemetry is kept for {retention.TotalDays:0.#} days (Reports:RawRetention), so not from {Wib.ToWib(range.From):yyyy-MM-dd HH:mm} WIB"
            : null;
    }

    private string? HourlyProblem(TimeRange range, AggregationWindow? window)
    {
        if (!_storage.HasRollups)
        {
            return "roll-ups are off (Reports:Rollups)";
        }

        if (window is not null && !window.IsWholeHours)
        {
            return $"window {window} is not a whole number of hours";
        }

        return IsWholeHour(range.From) && IsWholeHour(range.To) ? null : "from and to must be whole hours";
    }

    private string? DailyProblem(TimeRange range, AggregationWindow? window)
    {
        if (!_storage.HasRollups)
        {
            return "roll-ups are off (Reports:Rollups)";
        }

        if (window is not null && !window.IsWholeDays)
        {
            return $"window {window} is not a whole number of days";
        }

        return Wib.IsMidnight(range.From) && Wib.IsMidnight(range.To) ? null : "from and to must be dates (00:00 WIB)";
    }

    private static bool IsWholeHour(DateTimeOffset instant) => instant.UtcTicks % TimeSpan.TicksPerHour == 0;

    private static DateTimeOffset StartOfHour(DateTimeOffset instant) =>
        Wib.ToWib(new DateTimeOffset(instant.UtcTicks - (instant.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero));
}
