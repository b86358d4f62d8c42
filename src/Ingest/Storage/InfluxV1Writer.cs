using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Storage;

/// <summary>
/// InfluxDB 1.x: line protocol (built by InfluxDB.Client's <see cref="PointData"/>) POSTed to <c>/write</c> with the
/// database and retention policy. When InfluxDB says the database does not exist, it is created once and the write retried.
/// </summary>
public sealed class InfluxV1Writer : IPointWriter
{
    private readonly HttpClient _http;
    private readonly InfluxDbOptions _options;
    private readonly Uri _writeUri;

    public InfluxV1Writer(HttpClient http, IOptions<InfluxDbOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        var query = $"db={Uri.EscapeDataString(_options.Database)}&precision=ms";
        if (!string.IsNullOrWhiteSpace(_options.RetentionPolicy))
        {
            query += $"&rp={Uri.EscapeDataString(_options.RetentionPolicy)}";
        }

        _writeUri = new Uri(new Uri(_options.Url.TrimEnd('/') + "/"), "write?" + query);
        _http.Timeout = _options.Timeout;
        if (!string.IsNullOrEmpty(_options.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_options.Username}:{_options.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    public string Destination => $"InfluxDB 1.x {_options.Url} database '{_options.Database}'";

    public async Task WriteAsync(IReadOnlyList<PointData> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        var body = LineProtocol.Join(points);
        var (status, text, retryAfter) = await PostAsync(_writeUri, body, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound && _options.CreateDatabase && text.Contains("database not found", StringComparison.OrdinalIgnoreCase))
        {
            await CreateDatabaseAsync(cancellationToken).ConfigureAwait(false);
            (status, text, retryAfter) = await PostAsync(_writeUri, body, cancellationToken).ConfigureAwait(false);
        }

        if (status != HttpStatusCode.NoContent && status != HttpStatusCode.OK)
        {
            throw WriteErrorClassifier.FromStatus((int)status, text, retryAfter);
        }
    }

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var statement = $"CREATE DATABASE \"{_options.Database.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var queryUri = new Uri(new Uri(_options.Url.TrimEnd('/') + "/"), "query");
        using var form = new FormUrlEncodedContent([new KeyValuePair<string, string>("q", statement)]);
        using var response = await SendAsync(() => _http.PostAsync(queryUri, form, cancellationToken)).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw WriteErrorClassifier.FromStatus((int)response.StatusCode, $"could not create database: {text}", null);
        }
    }

    private async Task<(HttpStatusCode Status, string Text, TimeSpan? RetryAfter)> PostAsync(Uri uri, string body, CancellationToken cancellationToken)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/plain");
        using var response = await SendAsync(() => _http.PostAsync(uri, content, cancellationToken)).ConfigureAwait(false);
        var text = response.IsSuccessStatusCode
            ? string.Empty
            : await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return (response.StatusCode, text, RetryAfterOf(response));
    }

    /// <summary>Network failures and timeouts are retryable; cancellation by the host is passed on as it is.</summary>
    private static async Task<HttpResponseMessage> SendAsync(Func<Task<HttpResponseMessage>> send)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxWriteException($"InfluxDB could not be reached: {ex.Message}", isRetryable: true, inner: ex);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw new InfluxWriteException("InfluxDB did not answer in time", isRetryable: true, inner: ex);
        }
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var untilThen = date - DateTimeOffset.UtcNow;
            return untilThen > TimeSpan.Zero ? untilThen : TimeSpan.Zero;
        }

        return response.Headers.TryGetValues("Retry-After", out var values)
               && int.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }
}
