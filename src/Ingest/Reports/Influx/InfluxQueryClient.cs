using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Reports.Influx;

/// <summary>
/// InfluxQL over HTTP <c>/query</c>, which InfluxDB 1.x serves natively and 2.x/3.x through their 1.x compatibility
/// API (database = bucket through a DBRP mapping, <c>Authorization: Token …</c>). Answers are read chunked, so a long
/// raw read never sits in memory twice.
/// </summary>
public sealed class InfluxQueryClient
{
    /// <summary>Reads go as GET (what every version serves) unless the address would be longer than proxies take.</summary>
    private const int MaxGetLength = 4000;

    private readonly HttpClient _http;
    private readonly InfluxDbOptions _influx;
    private readonly Uri _queryUri;

    public InfluxQueryClient(HttpClient http, IOptions<InfluxDbOptions> influx, IOptions<ReportsOptions> reports)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(influx);
        ArgumentNullException.ThrowIfNull(reports);
        _http = http;
        _influx = influx.Value;
        _http.Timeout = reports.Value.QueryTimeout;
        _queryUri = new Uri(new Uri(_influx.Url.TrimEnd('/') + "/"), "query");
        if (_influx.Api == InfluxApi.V2)
        {
            // InfluxDB 2.x/3.x: the API token, in the scheme their 1.x compatibility API documents.
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _influx.Token);
        }
        else if (!string.IsNullOrEmpty(_influx.Username))
        {
            var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{_influx.Username}:{_influx.Password}"));
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", credentials);
        }
    }

    /// <summary>The database InfluxQL names: <c>InfluxDb:Database</c> on 1.x, <c>InfluxDb:Bucket</c> on 2.x/3.x.</summary>
    public string Database => _influx.Api == InfluxApi.V2 ? _influx.Bucket ?? string.Empty : _influx.Database;

    /// <summary>
    /// Runs SELECT or SHOW statements (several separated by <c>;</c>). A database or retention policy that does not
    /// exist yet reads as empty: a report over a fresh installation shows zeros, not an error.
    /// </summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused a statement or could not be reached.</exception>
    public Task<InfluxResult> QueryAsync(string influxQl, CancellationToken cancellationToken) =>
        SendAsync(influxQl, write: false, cancellationToken);

    /// <summary>Runs statements that change something (CREATE, ALTER, DROP, SELECT INTO), as POST; every error is thrown.</summary>
    /// <exception cref="InfluxQueryException">InfluxDB refused a statement or could not be reached.</exception>
    public Task<InfluxResult> ExecuteAsync(string influxQl, CancellationToken cancellationToken) =>
        SendAsync(influxQl, write: true, cancellationToken);

    private async Task<InfluxResult> SendAsync(string influxQl, bool write, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(influxQl);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["q"] = influxQl,
            ["epoch"] = "ms",
            ["chunked"] = "true",
            ["chunk_size"] = "10000",
        };
        if (!string.IsNullOrEmpty(Database))
        {
            parameters["db"] = Database;
        }

        using var request = BuildRequest(parameters, write);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                if (!response.IsSuccessStatusCode)
                {
                    using var reader = new StreamReader(stream);
                    var body = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
                    var unreachable = (int)response.StatusCode >= 500 || response.StatusCode == System.Net.HttpStatusCode.RequestTimeout;
                    throw new InfluxQueryException($"InfluxDB answered {(int)response.StatusCode}: {ErrorOf(body)}", unreachable);
                }

                return await InfluxAnswerReader.ReadAsync(stream, tolerateMissingStorage: !write, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException ex)
        {
            throw new InfluxQueryException($"InfluxDB at {_influx.Url} could not be reached: {ex.Message}", isUnreachable: true, ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InfluxQueryException($"InfluxDB at {_influx.Url} did not answer within {_http.Timeout}", isUnreachable: true, ex);
        }
        catch (JsonException ex)
        {
            throw new InfluxQueryException($"InfluxDB's answer could not be read: {ex.Message}", isUnreachable: false, ex);
        }
    }

    private HttpRequestMessage BuildRequest(Dictionary<string, string> parameters, bool write)
    {
        var query = string.Join('&', parameters.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        if (!write && query.Length <= MaxGetLength)
        {
            return new HttpRequestMessage(HttpMethod.Get, new Uri(_queryUri + "?" + query));
        }

        return new HttpRequestMessage(HttpMethod.Post, _queryUri) { Content = new FormUrlEncodedContent(parameters) };
    }

    private static string ErrorOf(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && (document.RootElement.TryGetProperty("error", out var error) || document.RootElement.TryGetProperty("message", out error)))
            {
                return error.GetString() ?? body;
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's page): shown as it is.
        }

        var oneLine = body.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 300 ? oneLine : string.Concat(oneLine.AsSpan(0, 300), "…");
    }
}
