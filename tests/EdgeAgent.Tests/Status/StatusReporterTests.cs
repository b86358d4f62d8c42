using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Sampling;
using Pontive.Iot.EdgeAgent.Status;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Status;

public sealed class StatusReporterTests : IDisposable
{
    private static readonly int SampleBytes = Outbox.TelemetryOutboxTests.JsonBytes(Samples.Environment(DeviceClock.DefaultStart));

    private readonly AgentStore _store = new(options: new OutboxOptions { MaxTelemetryBytes = 10 * SampleBytes, WarnAtFraction = 0.8 });
    private readonly SensorHealth _health = new();
    private readonly List<IDisposable> _owned = [];

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void A_healthy_device_reports_online_synced_its_uptime_and_outbox_and_no_warnings()
    {
        var reporter = Reporter(ClockTrusts.Trusted(_store.Clock));
        _store.Telemetry.Append(Samples.Environment(Now));
        var deposit = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _health.Succeeded("env-1", Now);
        _health.Succeeded("soil-1", Now);
        _store.Clock.Advance(TimeSpan.FromMinutes(60));

        var status = reporter.Current();

        Assert.Equal(StatusMessage.Online, status.State);
        Assert.Equal(Now, status.T);
        Assert.Equal(3600, status.UptimeS);
        Assert.Equal(ClockState.Synced, status.Clock);
        Assert.False(string.IsNullOrWhiteSpace(status.Version));
        Assert.Equal(new OutboxFigures { Depth = 2, Bytes = SampleBytes + PayloadEncoder.Encode(deposit).Length, OldestS = 3600, Dropped = 0 }, status.Outbox);
        Assert.Null(status.Warnings);
        Assert.Equal(new Dictionary<string, string> { ["env-1"] = "ok", ["soil-1"] = "ok" }, status.Sensors);
        AssertValidOnTheWire(status);
    }

    [Fact]
    public void Every_condition_that_needs_attention_is_a_warning_in_a_stable_order()
    {
        var reporter = Reporter(ClockTrusts.WaitingForTimesync(_store.Clock, ClockTrusts.NeverSynced));
        for (var i = 0; i < 8; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now));
        }

        _health.Failed("soil-2", "no answer at 0x48");
        _health.Succeeded("env-1", Now);
        _health.Failed("light-1", "no answer at 0x23");

        var status = reporter.Current();

        Assert.Equal([StatusReporter.OutboxNearlyFull, StatusReporter.ClockNotTrusted, "sensor_failing:light-1", "sensor_failing:soil-2"], status.Warnings);
        Assert.Equal(ClockState.Unsynced, status.Clock);
        Assert.Equal(
            new Dictionary<string, string> { ["env-1"] = "ok", ["light-1"] = "failing: no answer at 0x23", ["soil-2"] = "failing: no answer at 0x48" },
            status.Sensors);
        AssertValidOnTheWire(status);
    }

    [Fact]
    public void The_outbox_warning_starts_exactly_at_the_warning_fraction_of_the_cap()
    {
        var reporter = Reporter(ClockTrusts.Trusted(_store.Clock));
        for (var i = 0; i < 7; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now));
        }

        Assert.Null(reporter.Current().Warnings);
        _store.Telemetry.Append(Samples.Environment(Now));
        Assert.Equal([StatusReporter.OutboxNearlyFull], reporter.Current().Warnings);
    }

    [Fact]
    public void A_sensor_that_recovers_leaves_the_warnings()
    {
        var reporter = Reporter(ClockTrusts.Trusted(_store.Clock));
        _health.Failed("env-1", "no answer");
        Assert.Equal(["sensor_failing:env-1"], reporter.Current().Warnings);

        _health.Succeeded("env-1", Now);

        Assert.Null(reporter.Current().Warnings);
        Assert.Equal("ok", reporter.Current().Sensors!["env-1"]);
    }

    [Fact]
    public void A_device_without_sensors_reports_no_sensor_map()
    {
        Assert.Null(Reporter(ClockTrusts.Trusted(_store.Clock)).Current().Sensors);
    }

    [Fact]
    public void The_status_stays_valid_on_the_wire_whatever_a_failing_sensor_reports()
    {
        var reporter = Reporter(ClockTrusts.Trusted(_store.Clock));
        _health.Failed("env-1", new string('x', 500));
        _health.Failed("env-2", "Error 121 performing I2C data transfer.\nRemote I/O error");
        _health.Failed(new string('s', WireLimits.MaxTextLength), "no answer");

        var status = reporter.Current();

        Assert.Equal(200, status.Sensors!["env-1"].Length);
        Assert.Equal("failing: Error 121 performing I2C data transfer. Remote I/O error", status.Sensors["env-2"]);
        AssertValidOnTheWire(status);
    }

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _store.Dispose();
    }

    private static void AssertValidOnTheWire(StatusMessage status)
    {
        var decoded = PayloadDecoder.DecodeStatus(PayloadEncoder.Encode(status));
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());
        Assert.Equal(status.Warnings, decoded.Message!.Warnings);
    }

    private StatusReporter Reporter(ClockTrust trust)
    {
        var agent = Options.Create(new AgentOptions { Site = "bank-sungai-jawi", Device = "scale-01" });
        var topics = new AgentTopics(agent);
        var broker = new BrokerConnection(Options.Create(new MqttOptions()), agent, topics, _store.Clock, NullLogger<BrokerConnection>.Instance);
        _owned.Add(trust);
        _owned.Add(broker);
        var gauge = new OutboxGauge(_store.Telemetry, _store.Deposits, Options.Create(_store.Options));
        return new StatusReporter(broker, topics, gauge, trust, _health, agent, _store.Clock, NullLogger<StatusReporter>.Instance);
    }
}
