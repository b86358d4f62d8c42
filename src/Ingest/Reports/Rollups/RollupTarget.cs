namespace Pontive.Iot.Ingest.Reports.Rollups;

/// <summary>One roll-up: its retention policy, how long it keeps data, and the window of each of its points.</summary>
public sealed record RollupTarget(string Name, string RetentionPolicy, TimeSpan Retention, Calendar.AggregationWindow Window);

/// <summary>One continuous query of the plan, and the SELECT … INTO it runs (which a backfill runs over a past range).</summary>
public sealed record RollupQuery(string Name, RollupTarget Target, string Measurement, string SelectInto)
{
    /// <summary>The SELECT … INTO limited to a time range, for a backfill.</summary>
    public string Over(DateTimeOffset from, DateTimeOffset to) =>
        SelectInto.Replace(" {WHERE}", $" WHERE {Influx.InfluxQl.TimeBetween(from, to)}", StringComparison.Ordinal);

    /// <summary>The SELECT … INTO as a continuous query takes it (no time condition: the CQ sets its own).</summary>
    public string Continuous => SelectInto.Replace(" {WHERE}", string.Empty, StringComparison.Ordinal);
}
