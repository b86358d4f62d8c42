using System.Globalization;
using System.Text.RegularExpressions;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Reports.Calendar;

namespace Pontive.Iot.Ingest.Reports.Requests;

/// <summary>
/// A report's parameters as given (HTTP query string or command-line options), read one by one with a clear message
/// for each bad value. Every problem is collected, so one answer lists them all; unknown names are problems too
/// (a misspelt <c>form=</c> must not quietly mean "no start").
/// </summary>
public sealed partial class ReportParameters
{
    private readonly IReadOnlyDictionary<string, string> _values;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];

    public ReportParameters(IReadOnlyDictionary<string, string> values) => _values = values;

    public IReadOnlyList<string> Problems => _problems;

    public void Problem(string message) => _problems.Add(message);

    public string? Text(string name)
    {
        _read.Add(name);
        return _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
    }

    public string? RequiredText(string name, string example)
    {
        var value = Text(name);
        if (value is null)
        {
            Problem($"{name} is required, e.g. {name}={example}");
        }

        return value;
    }

    /// <summary>A site, device or category id (the contract's id rule), or null when absent.</summary>
    public string? Id(string name, bool required = false, string example = "bank-sungai-jawi")
    {
        var value = required ? RequiredText(name, example) : Text(name);
        if (value is not null && Identifier.Explain(value, name) is { } problem)
        {
            Problem(problem);
            return null;
        }

        return value;
    }

    /// <summary>A sensor name: 1–64 printable characters.</summary>
    public string? SensorName(string name)
    {
        var value = RequiredText(name, "env-1");
        if (value is not null && (value.Length > 64 || value.Any(char.IsControl)))
        {
            Problem($"{name} '{value}' must be 1 to 64 printable characters");
            return null;
        }

        return value;
    }

    /// <summary>
    /// The range: <c>from</c> and <c>to</c> (a date is 00:00 WIB of that day; a time without offset is WIB), or
    /// <c>month=2026-11</c> for a whole WIB month.
    /// </summary>
    public TimeRange? Range(TimeSpan maxLength)
    {
        var month = Text("month");
        var fromText = Text("from");
        var toText = Text("to");
        if (month is not null)
        {
            if (fromText is not null || toText is not null)
            {
                Problem("give either month or from and to, not both");
                return null;
            }

            var match = MonthPattern().Match(month);
            if (!match.Success || !int.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, out var m) || m is < 1 or > 12)
            {
                Problem($"month '{month}' is not a month like 2026-11");
                return null;
            }

            return TimeRange.Month(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), m);
        }

        if (fromText is null || toText is null)
        {
            Problem("from and to are required, e.g. from=2026-11-01&to=2026-12-01 (dates are 00:00 WIB; to is excluded), or month=2026-11");
            return null;
        }

        var from = Instant("from", fromText);
        var to = Instant("to", toText);
        if (from is null || to is null)
        {
            return null;
        }

        if (to <= from)
        {
            Problem($"to ({toText}) must be after from ({fromText})");
            return null;
        }

        if (to.Value - from.Value > maxLength)
        {
            Problem($"the range is {(to.Value - from.Value).TotalDays:0.#} days; reports cover at most {maxLength.TotalDays:0} days");
            return null;
        }

        return new TimeRange(from.Value, to.Value);
    }

    public AggregationWindow? Window(string name, string fallback)
    {
        var window = AggregationWindow.Parse(Text(name) ?? fallback, out var problem);
        if (problem is not null)
        {
            Problem(problem);
        }

        return window;
    }

    public DataSource? Source()
    {
        var text = Text("source");
        if (!DataSourceNames.TryParse(text, out var source))
        {
            Problem($"source '{text}' must be auto, raw, rollup_1h or rollup_1d");
            return null;
        }

        return source;
    }

    public TimeSpan? Duration(string name)
    {
        var text = Text(name);
        if (text is null)
        {
            return null;
        }

        var window = AggregationWindow.Parse(text, out _);
        if (window is null)
        {
            Problem($"{name} '{text}' is not a duration like 30m, 2h or 1d");
            return null;
        }

        return window.Length;
    }

    /// <summary>One of <paramref name="allowed"/>, or <paramref name="fallback"/> when absent.</summary>
    public string Choice(string name, string fallback, params string[] allowed)
    {
        var value = Text(name) ?? fallback;
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            Problem($"{name} '{value}' must be {string.Join(", ", allowed.SkipLast(1))} or {allowed[^1]}");
            return fallback;
        }

        return value;
    }

    /// <summary>Throws with every problem found, unknown parameters included; call after reading them all.</summary>
    /// <exception cref="ReportRequestException">At least one parameter is missing, unknown or invalid.</exception>
    public void ThrowIfInvalid()
    {
        foreach (var unknown in _values.Keys.Where(k => !_read.Contains(k)).Order(StringComparer.Ordinal))
        {
            _problems.Add($"unknown parameter '{unknown}'; this report reads {string.Join(", ", _read.Order(StringComparer.Ordinal))}");
        }

        if (_problems.Count > 0)
        {
            throw new ReportRequestException(string.Join("; ", _problems));
        }
    }

    private DateTimeOffset? Instant(string name, string text)
    {
        // An unencoded '+' in a query string arrives as a space: "…T06:00:00 07:00" meant "+07:00".
        text = SpacedOffset().Replace(text, "+$1");
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Wib.Midnight(date);
        }

        if (HasOffset().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset))
        {
            return withOffset;
        }

        if (!HasOffset().IsMatch(text)
            && DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return new DateTimeOffset(local, Wib.Offset);
        }

        Problem($"{name} '{text}' is not a date (2026-11-01) or a time (2026-11-01T06:00, WIB, or 2026-10-31T23:00:00Z)");
        return null;
    }

    [GeneratedRegex("^([0-9]{4})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex MonthPattern();

    [GeneratedRegex(" ([0-9]{2}:[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedOffset();

    [GeneratedRegex("(Z|[+-][0-9]{2}:?[0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HasOffset();
}
