using System.Text.Json;

namespace Pontive.Iot.Ingest.Reports.Influx;

/// <summary>
/// Reads InfluxDB's JSON answer: one document, or (chunked) a sequence of documents in which a series may continue
/// over several chunks. Chunks of the same statement and series are joined back into one series.
/// </summary>
internal static class InfluxAnswerReader
{
    public static async Task<InfluxResult> ReadAsync(Stream stream, bool tolerateMissingStorage, CancellationToken cancellationToken)
    {
        var statements = new SortedDictionary<int, StatementSeries>();
        await foreach (var chunk in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, topLevelValues: true, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (chunk.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (chunk.TryGetProperty("error", out var topError))
            {
                throw new InfluxQueryException($"InfluxDB refused the query: {topError.GetString()}", isUnreachable: false);
            }

            if (!chunk.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                var id = result.TryGetProperty("statement_id", out var idElement) ? idElement.GetInt32() : statements.Count;
                if (!statements.TryGetValue(id, out var statement))
                {
                    statement = new StatementSeries();
                    statements[id] = statement;
                }

                if (result.TryGetProperty("error", out var error))
                {
                    var message = error.GetString() ?? "unknown error";
                    if (tolerateMissingStorage && IsMissingStorage(message))
                    {
                        continue;
                    }

                    throw new InfluxQueryException($"InfluxDB refused statement {id + 1}: {message}", isUnreachable: false);
                }

                if (result.TryGetProperty("series", out var series))
                {
                    foreach (var one in series.EnumerateArray())
                    {
                        statement.Add(one);
                    }
                }
            }
        }

        var count = statements.Count == 0 ? 0 : statements.Keys.Max() + 1;
        var answer = new List<IReadOnlyList<InfluxSeries>>(count);
        for (var i = 0; i < count; i++)
        {
            answer.Add(statements.TryGetValue(i, out var statement) ? statement.Series : []);
        }

        return new InfluxResult(answer);
    }

    private static bool IsMissingStorage(string message) =>
        message.StartsWith("database not found", StringComparison.Ordinal)
        || message.StartsWith("retention policy not found", StringComparison.Ordinal);

    private sealed class StatementSeries
    {
        private readonly Dictionary<string, InfluxSeries> _byKey = new(StringComparer.Ordinal);

        public List<InfluxSeries> Series { get; } = [];

        public void Add(JsonElement element)
        {
            var name = element.TryGetProperty("name", out var nameElement) ? nameElement.GetString() ?? string.Empty : string.Empty;
            var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (element.TryGetProperty("tags", out var tagsElement) && tagsElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var tag in tagsElement.EnumerateObject())
                {
                    tags[tag.Name] = tag.Value.GetString() ?? string.Empty;
                }
            }

            var key = name + "\u0001" + string.Join('\u0001', tags.Select(t => t.Key + "=" + t.Value));
            if (!_byKey.TryGetValue(key, out var series))
            {
                var columns = element.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? string.Empty).ToList();
                series = new InfluxSeries(name, tags, columns);
                _byKey[key] = series;
                Series.Add(series);
            }

            if (!element.TryGetProperty("values", out var values))
            {
                return;
            }

            foreach (var value in values.EnumerateArray())
            {
                var row = new object?[series.Columns.Count];
                var i = 0;
                foreach (var cell in value.EnumerateArray())
                {
                    if (i >= row.Length)
                    {
                        break;
                    }

                    row[i++] = Cell(cell);
                }

                series.Rows.Add(row);
            }
        }

        private static object? Cell(JsonElement cell) => cell.ValueKind switch
        {
            JsonValueKind.String => cell.GetString(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number => cell.TryGetInt64(out var whole) ? whole : cell.GetDouble(),
            _ => null,
        };
    }
}
