using System.Net;
using System.Text;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>Writes line protocol through InfluxDB 1.x's /write: how a test puts known points in a database.</summary>
public sealed class InfluxV1Writer : IDisposable
{
    private readonly HttpClient http;

    public InfluxV1Writer(Uri influxDbUrl)
    {
        http = new HttpClient { BaseAddress = influxDbUrl, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <param name="database">Must exist (<see cref="InfluxQl.CreateDatabaseAsync"/>).</param>
    /// <param name="lines">Line protocol, one point per line.</param>
    /// <param name="precision">InfluxDB 1.x's names for the timestamps' unit: n, u, ms, s.</param>
    /// <exception cref="InvalidOperationException">InfluxDB did not answer 204; the message is InfluxDB's.</exception>
    public async Task WriteAsync(string database, string lines, string precision = "ms", CancellationToken cancellationToken = default)
    {
        var uri = new Uri(
            $"write?db={Uri.EscapeDataString(database)}&precision={Uri.EscapeDataString(precision)}",
            UriKind.Relative);
        using var content = new StringContent(lines, Encoding.UTF8, "text/plain");
        using var response = await http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode} to a write to {database}: {body}");
        }
    }

    public void Dispose() => http.Dispose();
}
