namespace Pontive.Iot.Bench.Reports;

/// <summary>One report query as an analyst or a dashboard would ask it, from one source.</summary>
internal sealed record ReportCase(string Question, Ingest.Reports.ReportName Report, string Source, IReadOnlyDictionary<string, string> Parameters);

/// <summary>The times of one case: each run, the median, and what it returned.</summary>
internal sealed record CaseTiming(ReportCase Case, IReadOnlyList<TimeSpan> Runs, string Answer, string? Error)
{
    public TimeSpan Median => Runs.Count == 0 ? TimeSpan.Zero : Runs.Order().ElementAt(Runs.Count / 2);

    public TimeSpan Fastest => Runs.Count == 0 ? TimeSpan.Zero : Runs.Min();
}
