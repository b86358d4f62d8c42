using System.Threading.Channels;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>
/// The device loses its link to the city for minutes: the in-process agent on a fake clock, behind a relay the test
/// cuts. Six minutes of sampling and an operator recording deposits pass on the clock while cut; when the link
/// returns, the backlog arrives exactly once, and the retained status tells the city how large the backlog was and,
/// later, that it is gone.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class NetworkCutTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Site = "park-fault-cut";
    private const string Device = "sensors-01";
    private const int Sensors = 2;
    private const int IntervalsWhileCut = 9;
    private const int DepositsPerInterval = 3;

    // Due times no other timer of the agent uses, so the clock can tell the sampler's and the status reporter's timers apart.
    private static readonly TimeSpan SensorInterval = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(7);
    private static readonly TimeSpan ReconnectDelayMax = TimeSpan.FromSeconds(4);

    private readonly string _database = InfluxQl.NewDatabaseName("fault_cut");
    private readonly InfluxQl _influx = new(servers.InfluxDbUrl);
    private readonly Channel<string> _link = Channel.CreateUnbounded<string>();

    [Fact]
    public async Task A_device_cut_off_for_minutes_delivers_its_backlog_exactly_once_and_its_status_shows_the_backlog()
    {
        await using var scenario = new FaultScenario("agent-cut-off", output);
        await using var ingest = await IngestUnderTest.StartAsync(output, new Dictionary<string, string?>
        {
            ["InfluxDb:Url"] = servers.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = _database,
        });
        await using var network = new TcpCutProxy(ingest.BrokerPort);
        await using var observer = await TestMqttClient.ConnectAsync(ingest.BrokerPort, "status-observer-cut");
        await observer.SubscribeAsync(DeviceTopic.Build(Site, Device, DeviceChannel.Status));

        var clock = new TimerWatchingClock(AgentUnderTest.Start);
        var firstReadings = clock.TimersArmedAsync(SensorInterval, Sensors);
        await using var agent = await AgentUnderTest.StartAsync(output, Settings(network.Port), time: clock, beforeStart: WatchTheLink);
        await NextOnTheLinkAsync("connected");
        await firstReadings;
        var ledgerPath = agent.Service<AgentDatabase>().FilePath;

        // A settled link first (the first readings delivered): a cut in the middle of connecting is another test's matter.
        await Polling.UntilAsync(() => AgentLedger.Read(ledgerPath).TelemetryWaiting == 0, () => AgentLedger.Read(ledgerPath).ToString(), "the first readings to be delivered");

        // Cut. The operator keeps recording deposits, the sensors keep sampling, six minutes pass.
        network.Cut();
        var cutAt = clock.GetUtcNow();
        var recorder = agent.Service<DepositRecorder>();
        var recorded = new List<string>();
        for (var interval = 0; interval < IntervalsWhileCut; interval++)
        {
            for (var i = 0; i < DepositsPerInterval; i++)
            {
                recorded.Add(recorder.Record(Harness.Deposits.Of($"A-{interval + 1:D4}", "plastic-pet", 1.250m + i, 3000)).Id);
            }

            var sampled = clock.TimersArmedAsync(SensorInterval, Sensors);
            clock.Advance(SensorInterval);
            await sampled;
        }

        var whileCut = agent.Service<OutboxGauge>().Figures();
        var heldSamples = IntervalsWhileCut * Sensors;
        Assert.True(whileCut.Depth >= heldSamples + recorded.Count, $"While cut the outbox holds {whileCut.Depth}; expected at least {heldSamples} samples and {recorded.Count} deposits");
        scenario.Say($"cut for {clock.GetUtcNow() - cutAt}: outbox depth {whileCut.Depth}; {AgentLedger.Read(ledgerPath)}");

        // Restore. The first status after reconnecting goes out before anything else: it shows the backlog.
        await RestoreAsync(network, clock);
        var backlogStatus = await NextStatusAsync(observer, s => s.State == StatusMessage.Online && s.T > cutAt);
        Assert.True(backlogStatus.Outbox!.Depth >= heldSamples + recorded.Count, $"The status after reconnecting reports depth {backlogStatus.Outbox.Depth}");

        await agent.Service<DepositOutbox>().AllInStateAsync(recorded, DepositState.Stored);
        // With the embedded broker a sample leaves the outbox only once it is written: an empty outbox is a drained one.
        await Polling.UntilAsync(
            () => AgentLedger.Read(ledgerPath).TelemetryWaiting == 0,
            () => AgentLedger.Read(ledgerPath).ToString(),
            "the telemetry backlog to drain");

        // The next status says the backlog is gone.
        var drainedStatus = await StatusAfterDrainAsync(observer, clock);

        await agent.StopAsync();
        var outcome = await DeliveryCounter.CountAsync(_influx, _database, Site, AgentLedger.Read(ledgerPath, checkIntegrity: true));
        scenario.Report(
            $"link cut for {IntervalsWhileCut * SensorInterval.TotalMinutes:0} min of agent time ({Sensors} sensors at {SensorInterval.TotalSeconds:0} s, {recorded.Count} deposits recorded meanwhile); "
            + $"status depth {backlogStatus.Outbox.Depth} on reconnecting, {drainedStatus.Outbox!.Depth} after draining",
            outcome);
        FaultAssert.EveryDepositStoredOnce(outcome.Deposits);
        FaultAssert.NothingLostOrDuplicated(outcome.Telemetry);
        Assert.Equal(0, drainedStatus.Outbox.Depth);
        Assert.Empty(ingest.Logs.Errors);
        scenario.Passed();
    }

    // Created up front, so the counting queries never meet a database Ingest has not created yet.
    public Task InitializeAsync() => _influx.CreateDatabaseAsync(_database);

    public async Task DisposeAsync()
    {
        await _influx.DropDatabaseAsync(_database);
        _influx.Dispose();
    }

    private static Dictionary<string, string?> Settings(int brokerPort)
    {
        var settings = AgentUnderTest.ParkWithSteadyWeather(Site, brokerPort);
        settings["Agent:Device"] = Device;
        settings["Agent:StatusInterval"] = StatusInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        settings["Mqtt:ReconnectDelay"] = "00:00:01";
        settings["Mqtt:ReconnectDelayMax"] = ReconnectDelayMax.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        settings["Sensors:0:Interval"] = SensorInterval.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in settings.Where(s => s.Key.StartsWith("Sensors:0:", StringComparison.Ordinal)).ToList())
        {
            settings[key.Replace("Sensors:0:", "Sensors:1:", StringComparison.Ordinal)] = value;
        }

        settings["Sensors:1:Id"] = "env-2";
        settings["Sensors:1:Address"] = "0x77";
        return settings;
    }

    private static async Task<StatusMessage> NextStatusAsync(TestMqttClient observer, Func<StatusMessage, bool> matches)
    {
        while (true)
        {
            var message = await observer.NextAsync();
            var decoded = PayloadDecoder.DecodeStatus(message.Payload.FirstSpan);
            Assert.True(decoded.Message is not null, $"A status the contract refuses: {decoded.Rejection}");
            if (matches(decoded.Message))
            {
                return decoded.Message;
            }
        }
    }

    /// <summary>
    /// Lets the status reporter's timer fire (it re-arms after publishing) until a status reports an empty outbox. A
    /// reading taken in between can show as depth 1 for a moment: the next round then reports 0.
    /// </summary>
    private static async Task<StatusMessage> StatusAfterDrainAsync(TestMqttClient observer, TimerWatchingClock clock)
    {
        StatusMessage? last = null;
        for (var round = 0; round < 5; round++)
        {
            var published = clock.TimersArmedAsync(StatusInterval, 1);
            var at = clock.GetUtcNow() + StatusInterval;
            clock.Advance(StatusInterval);
            await published;
            last = await NextStatusAsync(observer, s => s.State == StatusMessage.Online && s.T >= at);
            if (last.Outbox is { Depth: 0 })
            {
                return last;
            }
        }

        return last!;
    }

    private void WatchTheLink(AgentUnderTest agent)
    {
        var broker = agent.Service<BrokerConnection>();
        broker.Connected += _ =>
        {
            _link.Writer.TryWrite("connected");
            return Task.CompletedTask;
        };
        broker.ReconnectScheduled += _ => _link.Writer.TryWrite("scheduled");
    }

    private async Task<string> NextOnTheLinkAsync(string? expected = null)
    {
        var next = await _link.Reader.ReadAsync().AsTask().WaitAsync(IngestWaits.Patience);
        if (expected is not null)
        {
            Assert.Equal(expected, next);
        }

        return next;
    }

    /// <summary>
    /// Restores the link and moves the clock on, one longest backoff at a time, until the agent has reconnected. Each
    /// attempt ends with "scheduled" (its next attempt's timer is armed) or "connected"; an attempt under way when the
    /// link returns reports too, so the clock never moves while nothing waits on it in vain.
    /// </summary>
    private async Task RestoreAsync(TcpCutProxy network, TimerWatchingClock clock)
    {
        while (_link.Reader.TryRead(out _))
        {
        }

        network.Restore();
        for (var attempt = 0; attempt < 20; attempt++)
        {
            clock.Advance(ReconnectDelayMax);
            if (await NextOnTheLinkAsync() == "connected")
            {
                return;
            }
        }

        Assert.Fail("The agent did not reconnect within 20 attempts after the link was restored.");
    }
}
