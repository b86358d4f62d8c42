using System.Text.Json;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// A test-side InfluxDB 1.x /query client: what a test reads back to check what the code under test
/// wrote, with no part of that code involved. Times come as Unix milliseconds (epoch=ms).
/// </summary>
public sealed class InfluxQl : IDisposable
{
    private readonly HttpClient http;

    public InfluxQl(Uri influxDbUrl)
    {
        http = new HttpClient { BaseAddress = influxDbUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A database name no other test uses: prefix, underscore, 32 hex digits.</summary>
    public static string NewDatabaseName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Reads (SELECT, SHOW) with GET.</summary>
    /// <exception cref="InvalidOperationException">InfluxDB refused the query; the message is InfluxDB's.</exception>
    public async Task<IReadOnlyList<InfluxSeries>> QueryAsync(string database, string query, CancellationToken cancellationToken = default)
    {
        var uri = new Uri(
            $"query?db={Uri.EscapeDataString(database)}&epoch=ms&q={Uri.EscapeDataString(query)}",
            UriKind.Relative);
        using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return await ReadSeriesAsync(response, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Anything, writes included (CREATE, DROP, DELETE, SELECT INTO), with POST as InfluxDB requires.</summary>
    /// <exception cref="InvalidOperationException">InfluxDB refused the query; the message is InfluxDB's.</exception>
    public async Task<IReadOnlyList<InfluxSeries>> ExecuteAsync(string query, string? database = null, CancellationToken cancellationToken = default)
    {
        var form = new Dictionary<string, string> { ["q"] = query, ["epoch"] = "ms" };
        if (database is not null)
        {
            form["db"] = database;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await http.PostAsync(new Uri("query", UriKind.Relative), content, cancellationToken).ConfigureAwait(false);
        return await ReadSeriesAsync(response, query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Creates the database (a no-op when it exists) with the default "autogen" policy.</summary>
    public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"CREATE DATABASE {QuoteIdentifier(database)}", cancellationToken: cancellationToken);

    /// <summary>Drops the database and every point in it (a no-op when it does not exist).</summary>
    public Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default) =>
        ExecuteAsync($"DROP DATABASE {QuoteIdentifier(database)}", cancellationToken: cancellationToken);

    /// <summary>An InfluxQL identifier in double quotes: any name, reserved words included.</summary>
    public static string QuoteIdentifier(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return "\"" + name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
    }

    public void Dispose() => http.Dispose();

    private static async Task<IReadOnlyList<InfluxSeries>> ReadSeriesAsync(
        HttpResponseMessage response, string query, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode} to `{query}`: {body}");
        }

        using var document = JsonDocument.Parse(body);
        var series = new List<InfluxSeries>();
        // {"results":[{"statement_id":0,"series":[{"name":..,"tags":{..},"columns":[..],"values":[[..]]}]}]}
        // A statement that failed has "error" instead of "series", with status 200.
        foreach (var result in document.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                throw new InvalidOperationException($"InfluxDB refused `{query}`: {error.GetString()}");
            }

            if (result.TryGetProperty("series", out var resultSeries))
            {
                series.AddRange(resultSeries.EnumerateArray().Select(ReadOneSeries));
            }
        }

        return series;
    }

    private static InfluxSeries ReadOneSeries(JsonElement series)
    {
        var name = series.TryGetProperty("name", out var nameElement) ? nameElement.GetString() ?? string.Empty : string.Empty;
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (series.TryGetProperty("tags", out var tagsElement))
        {
            foreach (var tag in tagsElement.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.GetString() ?? string.Empty;
            }
        }

        var columns = series.GetProperty("columns").EnumerateArray().Select(column => column.GetString()!).ToList();
        var rows = new List<IReadOnlyDictionary<string, JsonElement>>();
        if (series.TryGetProperty("values", out var values))
        {
            foreach (var value in values.EnumerateArray())
            {
                var row = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                var cells = value.EnumerateArray().ToList();
                for (var i = 0; i < columns.Count && i < cells.Count; i++)
                {
                    // Cloned: the document is disposed when this method's caller returns.
                    row[columns[i]] = cells[i].Clone();
                }

                rows.Add(row);
            }
        }

        return new InfluxSeries(name, tags, rows);
    }
}
