using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Reports.Requests;

/// <summary>One part of a report's range and the source that answers it.</summary>
public sealed record SourceSegment(DataSource Source, TimeRange Range);

/// <summary>
/// Where a report reads each part of its range. A roll-up holds only windows its continuous queries have written, so
/// the range is read from the chosen source up to what it holds and the rest (today, this hour) from raw data. The
/// segments are in time order, do not overlap and meet at a whole hour or 00:00 WIB; every source groups by the same
/// WIB-aligned windows, so a window cut by a segment boundary is the sum of its parts and no sample is counted twice.
/// </summary>
/// <param name="Chosen">The source chosen for the range (<see cref="SourceSelector.Choose"/>).</param>
/// <param name="Range">The report's range.</param>
/// <param name="Segments">The parts of the range and their sources; none for an empty range.</param>
/// <param name="AsOf">Now, when the plan was made: windows that end later are not over.</param>
public sealed record SourcePlan(DataSource Chosen, TimeRange Range, IReadOnlyList<SourceSegment> Segments, DateTimeOffset AsOf)
{
    /// <summary>
    /// The sources read, in time order: <c>rollup_1d</c> when the roll-up holds the whole range, <c>rollup_1d+raw</c>
    /// when today came from raw data.
    /// </summary>
    public string Name => Segments.Count == 0 ? Chosen.Name() : string.Join('+', Segments.Select(s => s.Source.Name()));

    /// <summary>
    /// True when a window holds less than its whole span: it has not ended yet (its figures will still change), or it
    /// reaches outside the range (a week that started before <c>from</c>).
    /// </summary>
    public bool IsPartial(DateTimeOffset windowStart, TimeSpan windowLength)
    {
        var end = Range.To < AsOf ? Range.To : AsOf;
        return windowStart < Range.From || windowStart + windowLength > end;
    }
}
