using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Storage;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// With <c>Reports:RawRetention</c> set, Ingest writes raw telemetry to its own retention policy and keeps deposits,
/// voids and statuses where they were, so the raw retention can never delete money records. InfluxDB 1.x, real Ingest.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class TelemetryRoutingTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);
    private readonly string _database = InfluxQl.NewDatabaseName("routing");
    private IngestUnderTest _ingest = null!;

    public async Task InitializeAsync() => _ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
    {
        ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
        ["InfluxDb:Database"] = _database,
        ["Reports:RawRetention"] = "30.00:00:00",
    });

    public async Task DisposeAsync()
    {
        await _ingest.DisposeAsync();
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    [Fact]
    public async Task Telemetry_lands_in_the_raw_policy_and_the_ledger_in_the_databases_default()
    {
        await _ingest.Service<RollupStatus>().WhenReady.WaitAsync(IngestWaits.Patience);
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        await _ingest.Service<RetryingPointWriter>().WriteAsync(
            [Point("air_quality", "pm25_ugm3", 12.5, now), Point("deposit", "mass_kg", 2.5, now), Point("device_status", "uptime_s", 60, now), Point("telemetry_batch", "seq", 7, now)],
            CancellationToken.None);

        Assert.Equal(["air_quality", "telemetry_batch"], await MeasurementsWithDataAsync("raw"));
        Assert.Equal(["deposit", "device_status"], await MeasurementsWithDataAsync("autogen"));
    }

    [Fact]
    public async Task Telemetry_older_than_the_raw_retention_is_dropped_and_the_rest_of_the_batch_is_stored()
    {
        await _ingest.Service<RollupStatus>().WhenReady.WaitAsync(IngestWaits.Patience);
        var now = DateTimeOffset.UtcNow;

        await _ingest.Service<RetryingPointWriter>().WriteAsync(
            [Point("soil", "moisture_pct", 40, now.AddDays(-60).ToUnixTimeMilliseconds()), Point("soil", "moisture_pct", 41, now.ToUnixTimeMilliseconds()),
                Point("deposit", "mass_kg", 1.5, now.AddDays(-60).ToUnixTimeMilliseconds())],
            CancellationToken.None);

        Assert.Equal(1, await CountAsync("raw", "soil", "moisture_pct"));
        Assert.Equal(1, await CountAsync("autogen", "deposit", "mass_kg"));
    }

    private static PointData Point(string measurement, string field, double value, long time) =>
        PointData.Measurement(measurement).Tag("site", "park-a").Tag("device", "p1").Field(field, value).Timestamp(time, WritePrecision.Ms);

    private async Task<List<string>> MeasurementsWithDataAsync(string policy)
    {
        var names = new List<string>();
        foreach (var measurement in new[] { "air_quality", "deposit", "device_status", "telemetry_batch" })
        {
            var series = await _influx.QueryAsync(_database, $"SELECT * FROM \"{policy}\".\"{measurement}\"");
            if (series.Any(s => s.Rows.Count > 0))
            {
                names.Add(measurement);
            }
        }

        return names;
    }

    private async Task<long> CountAsync(string policy, string measurement, string field)
    {
        var series = await _influx.QueryAsync(_database, $"SELECT count(\"{field}\") FROM \"{policy}\".\"{measurement}\"");
        return series.SelectMany(s => s.Rows).Select(r => r["count"].GetInt64()).SingleOrDefault();
    }
}
