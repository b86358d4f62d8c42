using System.Globalization;
using System.Text.Json;
using Pontive.Iot.Contracts.Payloads;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>InfluxDB 1.x's /query, for what the bench checks independently of Ingest: how many points arrived.</summary>
internal sealed class InfluxCounter : IDisposable
{
    private readonly HttpClient _http;

    public InfluxCounter(Uri influxDbUrl)
    {
        _http = new HttpClient { BaseAddress = influxDbUrl, Timeout = TimeSpan.FromSeconds(60) };
    }

    /// <summary>"InfluxDB 1.6.7~rc0", from the header /ping answers with.</summary>
    public async Task<string> DescribeAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri("ping", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        return response.Headers.TryGetValues("X-Influxdb-Version", out var versions) ? $"InfluxDB {versions.First()}" : "InfluxDB";
    }

    public Task CreateDatabaseAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync($"CREATE DATABASE \"{database}\"", cancellationToken);

    public Task DropDatabaseAsync(string database, CancellationToken cancellationToken) =>
        ExecuteAsync($"DROP DATABASE \"{database}\"", cancellationToken);

    /// <summary>Environment points in <paramref name="database"/>: every one the backlog makes has a temperature.</summary>
    public async Task<long> CountEnvironmentPointsAsync(string database, CancellationToken cancellationToken)
    {
        var query = $"SELECT count(\"{ValueNames.TemperatureC}\") FROM \"{SensorKinds.Environment.Name}\"";
        var uri = new Uri($"query?db={Uri.EscapeDataString(database)}&q={Uri.EscapeDataString(query)}", UriKind.Relative);
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        using var answer = await ReadAsync(response, query, cancellationToken).ConfigureAwait(false);

        // {"results":[{"statement_id":0,"series":[{"name":"environment","columns":["time","count"],"values":[[0,300000]]}]}]}
        var result = answer.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series))
        {
            return 0;
        }

        return series[0].GetProperty("values")[0][1].GetInt64();
    }

    public void Dispose() => _http.Dispose();

    private async Task ExecuteAsync(string query, CancellationToken cancellationToken)
    {
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = query });
        using var response = await _http.PostAsync(new Uri("query", UriKind.Relative), form, cancellationToken).ConfigureAwait(false);
        using var answer = await ReadAsync(response, query, cancellationToken).ConfigureAwait(false);
    }

    /// <exception cref="InvalidOperationException">InfluxDB refused the query; the message is InfluxDB's.</exception>
    private static async Task<JsonDocument> ReadAsync(HttpResponseMessage response, string query, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"InfluxDB answered {(int)response.StatusCode} to {query}: {text}"));
        }

        var answer = JsonDocument.Parse(text);
        if (answer.RootElement.GetProperty("results")[0].TryGetProperty("error", out var error))
        {
            answer.Dispose();
            throw new InvalidOperationException($"InfluxDB refused {query}: {error.GetString()}");
        }

        return answer;
    }
}
