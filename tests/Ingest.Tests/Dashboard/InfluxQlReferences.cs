using System.Text.RegularExpressions;

namespace Pontive.Iot.Ingest.Tests.Dashboard;

/// <summary>What one SELECT or SHOW reads: the measurement (with its retention policy, if named), fields and tags.</summary>
internal sealed record InfluxQlReference(string? RetentionPolicy, string? Measurement, IReadOnlyList<string> Fields, IReadOnlyList<string> Tags, string Statement);

/// <summary>
/// Finds what the dashboards' InfluxQL reads, in the style they are written (every name in double quotes): for each
/// SELECT whose FROM is a measurement (not a subquery), the quoted names of its select list are fields (aliases after
/// AS left out) and those after FROM are tags; SHOW TAG VALUES and SHOW FIELD KEYS name a measurement and a tag key.
/// </summary>
internal static partial class InfluxQlReferences
{
    public static IReadOnlyList<InfluxQlReference> Of(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.StartsWith("SHOW ", StringComparison.Ordinal))
        {
            var from = MeasurementAfterFrom().Match(query);
            return [new InfluxQlReference(
                from.Success && from.Groups["rp"].Success ? from.Groups["rp"].Value : null,
                from.Success ? from.Groups["m"].Value : null,
                [],
                [.. Quoted().Matches(query[(from.Success ? from.Index + from.Length : 0)..]).Select(m => m.Groups[1].Value)],
                query)];
        }

        var references = new List<InfluxQlReference>();
        for (var start = query.IndexOf("SELECT ", StringComparison.Ordinal); start >= 0; start = query.IndexOf("SELECT ", start + 1, StringComparison.Ordinal))
        {
            var fromAt = AtDepthZero(query, start, " FROM ");
            if (fromAt < 0 || query[fromAt + 6] == '(')
            {
                continue; // a SELECT over subqueries: its names are the subqueries' aliases.
            }

            var end = EndOfStatement(query, fromAt);
            var selectList = Alias().Replace(query[(start + 7)..fromAt], string.Empty);
            var rest = query[(fromAt + 6)..end];
            var measurement = MeasurementAfterFrom().Match(" FROM " + rest);
            var afterMeasurement = rest[(measurement.Index + measurement.Length - " FROM ".Length)..];
            references.Add(new InfluxQlReference(
                measurement.Groups["rp"].Success ? measurement.Groups["rp"].Value : null,
                measurement.Groups["m"].Value,
                [.. Quoted().Matches(selectList).Select(m => m.Groups[1].Value)],
                [.. Quoted().Matches(afterMeasurement).Select(m => m.Groups[1].Value)],
                query[start..end]));
        }

        return references;
    }

    private static int AtDepthZero(string text, int from, string token)
    {
        var depth = 0;
        for (var i = from; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth == 0 && string.CompareOrdinal(text, i, token, 0, token.Length) == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The end of a statement: the parenthesis that closes its subquery, or the end of the text.</summary>
    private static int EndOfStatement(string text, int from)
    {
        var depth = 0;
        for (var i = from; i < text.Length; i++)
        {
            depth += text[i] switch { '(' => 1, ')' => -1, _ => 0 };
            if (depth < 0)
            {
                return i;
            }
        }

        return text.Length;
    }

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex("\\s+AS\\s+\"[^\"]+\"")]
    private static partial Regex Alias();

    [GeneratedRegex("FROM \"(?:(?<rp>[^\"]+)\"\\.\")?(?<m>[^\"]+)\"")]
    private static partial Regex MeasurementAfterFrom();
}
