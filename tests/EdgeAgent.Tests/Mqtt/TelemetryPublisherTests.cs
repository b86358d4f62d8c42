using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Protocol;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Mqtt;

/// <summary>The telemetry outbox drained to a broker that sometimes cannot store (an in-process MQTTnet server).</summary>
public sealed class TelemetryPublisherTests : IAsyncLifetime
{
    private readonly AgentStore _store = new();
    private InProcessBroker _broker = null!;
    private AgentOnBroker _agent = null!;

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    public async Task InitializeAsync()
    {
        _broker = await InProcessBroker.StartAsync();
        _agent = new AgentOnBroker(_broker, _store);
        _agent.Add(new TelemetryPublisher(_store.Telemetry, _agent.Connection, _agent.Topics, _agent.Trust, _agent.Mqtt, _store.Clock, NullLogger<TelemetryPublisher>.Instance));
        await _agent.StartAsync();
    }

    [Fact]
    public async Task A_batch_the_broker_could_not_store_is_sent_again_with_the_same_message_number_and_leaves_the_outbox_once_stored()
    {
        _broker.AnswerNext(MqttPubAckReasonCode.ImplementationSpecificError, "storage is not available; send it again later");
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 28.5));

        var refused = await NextTelemetryAsync();
        Assert.Equal(MqttPubAckReasonCode.ImplementationSpecificError, refused.Answer);
        Assert.Equal(1, _store.Telemetry.Figures().Depth);

        var retryIn = await _store.Clock.NextWaitAsync();
        Assert.InRange(retryIn, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1));
        _store.Clock.Advance(retryIn);
        var stored = await NextTelemetryAsync();

        Assert.Equal(MqttPubAckReasonCode.Success, stored.Answer);
        Assert.Equal(refused.Message.Seq, stored.Message.Seq);
        Assert.Equal(refused.Message.Samples, stored.Message.Samples, SameSample);

        // Confirmed samples left the outbox: the next message carries only what came after, under the next number.
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 29));
        var next = await NextTelemetryAsync();
        Assert.Equal(stored.Message.Seq + 1, next.Message.Seq);
        Assert.Equal([29.0], next.Message.Samples.Select(s => s.Values[ValueNames.TemperatureC]));
    }

    [Fact]
    public async Task A_batch_the_city_refused_for_good_leaves_the_outbox_and_is_not_sent_again()
    {
        _broker.AnswerNext(MqttPubAckReasonCode.PayloadFormatInvalid, "$.samples[0].values.temperature_c is out of range");
        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 28.5));
        var refused = await NextTelemetryAsync();
        Assert.Equal(MqttPubAckReasonCode.PayloadFormatInvalid, refused.Answer);

        _store.Telemetry.Append(Samples.Environment(Now, temperatureC: 29));
        var next = await NextTelemetryAsync();

        Assert.Equal(refused.Message.Seq + 1, next.Message.Seq);
        Assert.Equal([29.0], next.Message.Samples.Select(s => s.Values[ValueNames.TemperatureC]));
        Assert.Equal(0, _store.Clock.PendingWaits);
    }

    [Fact]
    public async Task A_backlog_goes_out_oldest_first_in_messages_of_at_most_MaxSamplesPerMessage()
    {
        await _agent.DisposeAsync();
        for (var i = 0; i < 600; i++)
        {
            _store.Telemetry.Append(Samples.Environment(Now.AddSeconds(i)));
        }

        _agent = new AgentOnBroker(_broker, _store);
        _agent.Add(new TelemetryPublisher(_store.Telemetry, _agent.Connection, _agent.Topics, _agent.Trust, _agent.Mqtt, _store.Clock, NullLogger<TelemetryPublisher>.Instance));
        await _agent.StartAsync();

        var messages = new List<TelemetryMessage>();
        while (messages.Sum(m => m.Samples.Count) < 600)
        {
            messages.Add((await NextTelemetryAsync()).Message);
        }

        Assert.Equal([250, 250, 100], messages.Select(m => m.Samples.Count));
        Assert.Equal(Enumerable.Range(0, 600).Select(i => Now.AddSeconds(i)), messages.SelectMany(m => m.Samples).Select(s => s.T));
        Assert.Equal([messages[0].Seq, messages[0].Seq + 1, messages[0].Seq + 2], messages.Select(m => m.Seq));
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _broker.DisposeAsync();
        _store.Dispose();
    }

    private static readonly IEqualityComparer<Sample> SameSample = EqualityComparer<Sample>.Create(
        (a, b) => a!.T == b!.T && a.Sensor == b.Sensor && a.Values.SequenceEqual(b.Values),
        s => s.T.GetHashCode());

    private async Task<(TelemetryMessage Message, MqttPubAckReasonCode Answer)> NextTelemetryAsync()
    {
        var publication = await _broker.NextAsync(_agent.Topics.Telemetry);
        var decoded = PayloadDecoder.DecodeTelemetry(publication.Payload);
        Assert.True(decoded.IsValid, decoded.Rejection?.ToString());
        return (decoded.Message!, publication.Answer);
    }
}
