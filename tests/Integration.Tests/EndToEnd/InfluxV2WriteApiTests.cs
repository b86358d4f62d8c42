using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.EndToEnd;

/// <summary>
/// The InfluxDB 2.x/3.x write path: Ingest configured with InfluxDb:Api = V2 writes through InfluxDB.Client's
/// WriteApiAsync. Debian's InfluxDB 1.6 has no /api/v2/write, so the fixture's nginx rewrites
/// /api/v2/write?bucket=B&amp;precision=P to /write?db=B&amp;precision=P (ns→n, us→u, ms, s) in front of the same
/// real InfluxDB; the bucket is the database.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class InfluxV2WriteApiTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("e2e_v2");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);

    [Fact]
    public async Task A_reading_written_with_the_v2_client_arrives_with_its_tags_fields_and_time()
    {
        const string site = "park-e2e-v2";
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Api"] = "V2",
            ["InfluxDb:Url"] = servers.InfluxDbV2Url.ToString(),
            ["InfluxDb:Org"] = "pontianak",
            ["InfluxDb:Bucket"] = _database,
            ["InfluxDb:Token"] = "test-token",
        });
        var stored = ingest.StoredFrom(site, DeviceChannel.Telemetry);

        await using var agent = await AgentUnderTest.StartAsync(output, AgentUnderTest.ParkWithSteadyWeather(site, ingest.BrokerPort, temperature: 24.5, humidity: 91.0, pressure: 1011.2));
        await stored;

        await SchemaAssertions.AssertEnvironmentReadingAsync(_influx, _database, site, AgentUnderTest.Start, 24.5, 91.0, 1011.2);
        Assert.Empty(ingest.Logs.Errors);
    }

    // InfluxDB 2.x needs the bucket before writes; here the bucket is a 1.x database made up front.
    public Task InitializeAsync() => _influx.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }
}
