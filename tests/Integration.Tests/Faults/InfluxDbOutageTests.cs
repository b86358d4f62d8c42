using System.Net;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// InfluxDB goes away for a while (a private instance, stopped and started again on the same folder and port) while
/// deposits and readings keep coming. Ingest acknowledges nothing it could not write, so the backlog waits on the
/// devices (and in Ingest's queue), /health says 503 meanwhile, and everything arrives once InfluxDB is back.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class InfluxDbOutageTests(ITestOutputHelper output)
{
    private const int Deposits = 200;
    private const int PiledUpDeposits = 60;

    [Fact]
    public async Task InfluxDB_stopped_for_a_while_then_started_again_loses_and_duplicates_nothing_and_health_says_so()
    {
        const string site = "bank-fault-influx-down";
        var database = InfluxQl.NewDatabaseName("fault_influx_down");
        await using var scenario = new FaultScenario("influxdb-outage", output);
        var influxDb = scenario.Own("influxd", await InfluxDbServer.LaunchAsync());
        using var influx = new InfluxQl(influxDb.Url);
        await influx.CreateDatabaseAsync(database);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = influxDb.Url.ToString(),
            ["InfluxDb:Database"] = database,
            // A device's publish waits this long for its write before it is told to keep the message and retry.
            ["Broker:StoreTimeout"] = "00:00:02",
        });
        using var http = new HttpClient { BaseAddress = ingest.HttpAddress };
        await UntilHealthAsync(http, HttpStatusCode.OK);

        var flowing = ingest.StoredDepositsAsync(site, 20);
        var agent = scenario.Agent(AgentProcess.Device(site, "scale-01", ingest.BrokerPort, operatorInterval: TimeSpan.FromMilliseconds(30), depositsPerRun: Deposits));
        await agent.StartAsync();
        await flowing;

        await influxDb.StopAsync();
        await UntilHealthAsync(http, HttpStatusCode.ServiceUnavailable);
        await Polling.UntilAsync(
            () => AgentLedger.Read(agent.DatabasePath) is var ledger && ledger.DepositsUnacknowledged >= PiledUpDeposits && ledger.TelemetryWaiting > 0,
            () => AgentLedger.Read(agent.DatabasePath).ToString(),
            $"{PiledUpDeposits} deposits and some telemetry to pile up on the device");
        var piledUp = AgentLedger.Read(agent.DatabasePath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await HealthAsync(http));
        scenario.Say($"InfluxDB down; on the device: {piledUp}");

        await influxDb.StartAsync();
        await UntilHealthAsync(http, HttpStatusCode.OK);
        await agent.UntilDepositsStoredAsync(Deposits);
        var outcome = await agent.StopAndCountAsync(influx, database, site);

        scenario.Report(
            $"InfluxDB stopped (SIGTERM) until {piledUp.DepositsUnacknowledged} deposits and {piledUp.TelemetryWaiting} samples waited on the device, then started; /health 503 while down, 200 after",
            outcome);
        FaultAssert.EveryDepositStoredOnce(outcome.Deposits);
        FaultAssert.NothingLostOrDuplicated(outcome.Telemetry);
        scenario.Passed();
    }

    private static async Task<HttpStatusCode> HealthAsync(HttpClient http)
    {
        using var response = await http.GetAsync(new Uri("health", UriKind.Relative));
        return response.StatusCode;
    }

    private static async Task UntilHealthAsync(HttpClient http, HttpStatusCode expected)
    {
        var last = HttpStatusCode.OK;
        await Polling.UntilAsync(
            async () => (last = await HealthAsync(http)) == expected,
            () => Task.FromResult($"/health answered {(int)last}"),
            $"/health to answer {(int)expected}");
    }
}
