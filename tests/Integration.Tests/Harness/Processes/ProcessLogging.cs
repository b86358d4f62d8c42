namespace Pontive.Iot.Integration.Tests.Harness.Processes;

/// <summary>Console logging settings for a child service: one line per entry with a UTC timestamp, no colours, so a log file reads in order.</summary>
internal static class ProcessLogging
{
    /// <summary>The line the host prints once every hosted service has started (and Kestrel listens).</summary>
    public const string StartedLine = "Application started";

    public static IEnumerable<KeyValuePair<string, string?>> Settings { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "true",
        ["Logging:Console:FormatterOptions:ColorBehavior"] = "Disabled",
        ["Logging:Console:FormatterOptions:UseUtcTimestamp"] = "true",
        ["Logging:Console:FormatterOptions:TimestampFormat"] = "HH:mm:ss.fff ",
    };

    /// <summary>Settings as <c>--Section:Key=value</c> arguments, which both services read as configuration.</summary>
    public static IReadOnlyList<string> ToArguments(IEnumerable<KeyValuePair<string, string?>> settings) =>
        [.. Settings.Concat(settings).Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}")];
}
