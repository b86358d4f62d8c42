using InfluxDB.Client;
using InfluxDB.Client.Core.Exceptions;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Storage;

/// <summary>InfluxDB 2.x / 3.x through InfluxDB.Client's asynchronous write API (org, bucket, token).</summary>
public sealed class InfluxV2Writer : IPointWriter, IDisposable
{
    private readonly InfluxDBClient _client;
    private readonly WriteApiAsync _writeApi;
    private readonly InfluxDbOptions _options;

    public InfluxV2Writer(IOptions<InfluxDbOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _client = new InfluxDBClient(new InfluxDBClientOptions(_options.Url)
        {
            Token = _options.Token,
            Org = _options.Org,
            Bucket = _options.Bucket,
            Timeout = _options.Timeout,
        });
        _writeApi = _client.GetWriteApiAsync();
    }

    public string Destination => $"InfluxDB 2.x/3.x {_options.Url} org '{_options.Org}' bucket '{_options.Bucket}'";

    public async Task WriteAsync(IReadOnlyList<PointData> points, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0)
        {
            return;
        }

        try
        {
            await _writeApi.WritePointsAsync(points.ToList(), _options.Bucket, _options.Org, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpException ex) when (ex.Status != 0)
        {
            var retryAfter = ex.RetryAfter is { } seconds ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            throw WriteErrorClassifier.FromStatus(ex.Status, ex.Message, retryAfter);
        }
        catch (Exception ex) when (ex is HttpException or HttpRequestException or InfluxException
                                       || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new InfluxWriteException($"InfluxDB could not be reached: {ex.Message}", isRetryable: true, inner: ex);
        }
    }

    public void Dispose() => _client.Dispose();
}
