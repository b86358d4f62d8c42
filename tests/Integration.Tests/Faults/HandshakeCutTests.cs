using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// The link drops at the worst moment of a connection: after the broker said yes, while the agent announces itself
/// (its Connected handlers run before the publishers are let go). The agent must not come out of that believing it is
/// connected: its publishers would then try, fail and try again for the whole outage instead of waiting.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class HandshakeCutTests(RealServers servers, ITestOutputHelper output)
{
    [Fact]
    public async Task A_link_lost_while_the_agent_announces_itself_leaves_its_publishers_waiting_for_the_next_connection()
    {
        const string site = "park-fault-handshake";
        var database = InfluxQl.NewDatabaseName("fault_handshake");
        using var influx = new InfluxQl(servers.InfluxDbUrl);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = database,
        });
        await using var network = new TcpCutProxy(ingest.BrokerPort);
        var retrying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cutDone = false;
        void CutDuringTheFirstAnnouncement(AgentUnderTest agent)
        {
            var broker = agent.Service<BrokerConnection>();
            // Registered before the host starts, so it runs first among the Connected handlers, before the status is published.
            broker.Connected += async _ =>
            {
                if (!cutDone)
                {
                    cutDone = true;
                    network.Cut();

                    // The agent's client notices the dead socket on its own thread; the announcement goes on only once it has.
                    await Polling.UntilAsync(() => !broker.IsConnected, () => "still connected", "the agent's client to notice the cut");
                }
            };
            broker.ReconnectScheduled += _ => retrying.TrySetResult();
        }

        try
        {
            await using var agent = await AgentUnderTest.StartAsync(output, AgentUnderTest.ParkWithSteadyWeather(site, network.Port), beforeStart: CutDuringTheFirstAnnouncement);
            await retrying.Task.WaitAsync(IngestWaits.Patience);

            var broker = agent.Service<BrokerConnection>();
            Assert.False(broker.IsConnected);
            Assert.False(broker.WaitUntilConnectedAsync(CancellationToken.None).IsCompleted, "The agent's publishers are released on a connection that is gone.");
        }
        finally
        {
            await influx.DropDatabaseAsync(database);
        }
    }
}
