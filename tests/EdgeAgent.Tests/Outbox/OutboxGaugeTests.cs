using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

public sealed class OutboxGaugeTests : IDisposable
{
    private static readonly int SampleBytes = TelemetryOutboxTests.JsonBytes(Samples.Environment(DeviceClock.DefaultStart));

    private readonly AgentStore _store = new(options: new OutboxOptions { MaxTelemetryBytes = 10 * SampleBytes, WarnAtFraction = 0.8 });

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    private OutboxGauge Gauge => new(_store.Telemetry, _store.Deposits, Options.Create(_store.Options));

    [Fact]
    public void The_figures_add_waiting_telemetry_and_unacknowledged_deposits_and_report_the_telemetry_dropped()
    {
        for (var i = 0; i < 12; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now));
        }

        var stored = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _store.Clock.Advance(TimeSpan.FromSeconds(40));
        var waiting = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _store.Deposits.MarkStored([stored.Id]);
        _store.Clock.Advance(TimeSpan.FromSeconds(20));

        var figures = Gauge.Figures();

        Assert.Equal(
            new OutboxFigures { Depth = 10 + 1, Bytes = (10 * SampleBytes) + PayloadEncoder.Encode(waiting).Length, OldestS = 60, Dropped = 2 },
            figures);
    }

    [Fact]
    public void The_deposits_waiting_longest_set_the_oldest_age_when_they_are_older_than_the_telemetry()
    {
        _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        _store.Clock.Advance(TimeSpan.FromMinutes(30));
        _store.Telemetry.Append(Samples.Environment(Now));

        Assert.Equal(1800, Gauge.Figures().OldestS);
    }

    [Theory]
    [InlineData(7, false)]
    [InlineData(8, true)]
    [InlineData(10, true)]
    public void The_outbox_is_nearly_full_from_the_warning_fraction_of_its_cap(int samples, bool nearlyFull)
    {
        for (var i = 0; i < samples; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now));
        }

        Assert.Equal(nearlyFull, Gauge.IsNearlyFull);
    }

    [Fact]
    public void Deposits_never_count_against_the_telemetry_cap()
    {
        for (var i = 0; i < 100; i++)
        {
            _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        }

        Assert.False(Gauge.IsNearlyFull);
        Assert.Equal(0, _store.Telemetry.Figures().Dropped);
    }

    public void Dispose() => _store.Dispose();
}
