using Pontive.Iot.Ingest.Reports.Calendar;
using Pontive.Iot.Ingest.Reports.Influx;

namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>One step of a backfill: a roll-up query over one slice of the range, and the points it wrote.</summary>
public sealed record BackfillStep(string Query, DateTimeOffset From, DateTimeOffset To, long Written);

/// <summary>
/// Continuous queries only roll up data as it arrives. A backfill runs the same SELECT … INTO over a past range (data
/// imported, data that arrived later than <c>Reports:RollupLateness</c>, or a new installation over old data), a slice
/// of whole WIB days at a time so InfluxDB never holds a long range in memory. Running it twice gives the same points:
/// a roll-up point has the same series and time, so it is overwritten.
/// </summary>
public sealed class RollupBackfill
{
    private readonly InfluxQueryClient _influx;
    private readonly RollupPlan _plan;

    public RollupBackfill(InfluxQueryClient influx, RollupPlan plan)
    {
        _influx = influx;
        _plan = plan;
    }

    /// <param name="range">Widened to whole WIB days, so every daily point is computed from its whole day.</param>
    /// <param name="slice">How much of the range each statement covers (whole days, at least one).</param>
    /// <param name="progress">Told of each step as it finishes.</param>
    /// <exception cref="InfluxQueryException">InfluxDB could not be reached or refused a statement.</exception>
    public async Task<long> RunAsync(TimeRange range, TimeSpan slice, IProgress<BackfillStep>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(range);
        var from = Wib.StartOfDay(range.From);
        var to = Wib.IsMidnight(range.To) ? range.To : Wib.StartOfDay(range.To).AddDays(1);
        var step = TimeSpan.FromDays(Math.Max(1, Math.Ceiling(slice.TotalDays)));
        long written = 0;
        foreach (var query in _plan.Queries)
        {
            for (var start = from; start < to; start += step)
            {
                var end = start + step < to ? start + step : to;
                var answer = await _influx.ExecuteAsync(query.Over(start, end), cancellationToken).ConfigureAwait(false);
                var points = answer[0].SelectMany(s => s.Rows.Select(r => InfluxSeries.WholeAt(r, s.ColumnIndex("written")) ?? 0)).Sum();
                written += points;
                progress?.Report(new BackfillStep(query.Name, start, end, points));
            }
        }

        return written;
    }
}
