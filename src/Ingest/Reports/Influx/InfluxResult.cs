namespace Pontive.Iot.Ingest.Reports.Influx;

/// <summary>What one InfluxQL request answered: one entry per statement, in order.</summary>
public sealed class InfluxResult
{
    public InfluxResult(IReadOnlyList<IReadOnlyList<InfluxSeries>> statements) => Statements = statements;

    /// <summary>The series of each statement (empty when it matched nothing).</summary>
    public IReadOnlyList<IReadOnlyList<InfluxSeries>> Statements { get; }

    public IReadOnlyList<InfluxSeries> this[int statement] => Statements[statement];
}
