namespace Pontive.Iot.Ingest.Reports.Requests;

/// <summary>Which data a report reads: raw telemetry or one of the roll-ups.</summary>
public enum DataSource
{
    Raw,
    Hourly,
    Daily,
}

/// <summary>The names reports and their parameters use for each source.</summary>
public static class DataSourceNames
{
    public static string Name(this DataSource source) => source switch
    {
        DataSource.Raw => "raw",
        DataSource.Hourly => "rollup_1h",
        _ => "rollup_1d",
    };

    /// <summary><c>auto</c> (null), <c>raw</c>, <c>rollup_1h</c> or <c>rollup_1d</c>.</summary>
    public static bool TryParse(string? text, out DataSource? source)
    {
        switch (text)
        {
            case null or "auto":
                source = null;
                return true;
            case "raw":
                source = DataSource.Raw;
                return true;
            case "rollup_1h":
                source = DataSource.Hourly;
                return true;
            case "rollup_1d":
                source = DataSource.Daily;
                return true;
            default:
                source = null;
                return false;
        }
    }
}
