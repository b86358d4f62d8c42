using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Broker;

/// <summary>
/// A device deletes a message from its outbox when it gets the PUBACK, so the embedded broker may send it only
/// once the message is stored; a refusal is told with its reason; when storage does not answer in time the
/// device must keep the message (MQTT 5: an error reason code; MQTT 3.1.1, which has none: no PUBACK at all).
/// Real MQTTnet server and clients on loopback; the pipeline is the test, settling messages as it decides.
/// </summary>
public sealed class EmbeddedBrokerIngressTests
{
    // Long enough never to run out while a test holds a message on purpose, short enough to wait for when it should.
    private static readonly TimeSpan ShortStoreTimeout = TimeSpan.FromMilliseconds(500);

    // How long a held PUBACK must stay held to show it waits for the outcome (a broken broker answers in microseconds).
    private static readonly TimeSpan HeldLongEnough = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task An_MQTT_5_publish_is_acknowledged_only_after_its_message_is_stored()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500, clientId: "scale-01");

        var publish = device.PublishAsync(Message(WirePayloads.DepositTopic, WirePayloads.Deposit));
        var queued = await broker.NextQueuedAsync();

        Assert.Equal(WirePayloads.DepositTopic, queued.Topic);
        Assert.Equal(WirePayloads.Deposit, Encoding.UTF8.GetString(queued.Payload.Span));
        Assert.Equal("scale-01", queued.ClientId);
        Assert.NotSame(publish, await Task.WhenAny(publish, Task.Delay(HeldLongEnough)));

        queued.Settle(IngestOutcome.Stored);

        var result = await publish.WaitAsync(Timeouts.Test);
        Assert.True(result.IsSuccess, $"{result.ReasonCode} {result.ReasonString}");
    }

    [Fact]
    public async Task An_MQTT_3_1_1_publish_is_acknowledged_only_after_its_message_is_stored()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V311);

        var publish = device.PublishAsync(Message(WirePayloads.TelemetryTopic, WirePayloads.Telemetry));
        var queued = await broker.NextQueuedAsync();
        Assert.NotSame(publish, await Task.WhenAny(publish, Task.Delay(HeldLongEnough)));

        queued.Settle(IngestOutcome.Stored);

        Assert.True((await publish.WaitAsync(Timeouts.Test)).IsSuccess);
    }

    [Fact]
    public async Task A_refused_message_gets_payload_format_invalid_with_the_reason()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500);

        var publish = device.PublishAsync(Message(WirePayloads.DepositTopic, "{\"v\":1}"));
        (await broker.NextQueuedAsync()).Settle(IngestOutcome.Refused(Rejection.Of(RejectionCode.MissingField, "$.id is missing")));

        var result = await publish.WaitAsync(Timeouts.Test);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, result.ReasonCode);
        Assert.Equal("missing_field: $.id is missing", result.ReasonString);
        Assert.True(device.IsConnected);
    }

    [Fact]
    public async Task A_message_refused_for_its_topic_gets_topic_name_invalid()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500);

        var publish = device.PublishAsync(Message("pontive/v1/Bank/scale-01/telemetry", WirePayloads.Telemetry));
        var queued = await broker.NextQueuedAsync();
        Assert.Equal("pontive/v1/Bank/scale-01/telemetry", queued.Topic);
        queued.Settle(IngestOutcome.Refused(Rejection.Of(RejectionCode.InvalidTopic, "site 'Bank' must be lower-case")));

        var result = await publish.WaitAsync(Timeouts.Test);
        Assert.Equal(MqttClientPublishReasonCode.TopicNameInvalid, result.ReasonCode);
        Assert.Contains("site 'Bank' must be lower-case", result.ReasonString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_very_long_reason_is_cut_to_fit_the_PUBACK()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500);

        var publish = device.PublishAsync(Message(WirePayloads.TelemetryTopic, WirePayloads.Telemetry));
        (await broker.NextQueuedAsync()).Settle(IngestOutcome.Refused(Rejection.Of(RejectionCode.OutOfRange, new string('x', 5000))));

        var result = await publish.WaitAsync(Timeouts.Test);
        Assert.Equal(MqttClientPublishReasonCode.PayloadFormatInvalid, result.ReasonCode);
        Assert.InRange(result.ReasonString.Length, 100, 512);
    }

    [Fact]
    public async Task A_refused_message_is_not_passed_on_to_subscribers_but_a_stored_one_is()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var dashboard = await broker.ConnectAsync(MqttProtocolVersion.V500);
        var seen = new List<string>();
        var storedSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dashboard.ApplicationMessageReceivedAsync += e =>
        {
            lock (seen)
            {
                seen.Add(e.ApplicationMessage.ConvertPayloadToString());
            }

            storedSeen.TrySetResult();
            return Task.CompletedTask;
        };
        await dashboard.SubscribeAsync("pontive/#", MqttQualityOfServiceLevel.AtLeastOnce);
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500);

        var refused = device.PublishAsync(Message(WirePayloads.TelemetryTopic, "refused"));
        (await broker.NextQueuedAsync()).Settle(IngestOutcome.Refused(Rejection.Of(RejectionCode.InvalidJson, "not JSON")));
        await refused.WaitAsync(Timeouts.Test);
        var stored = device.PublishAsync(Message(WirePayloads.TelemetryTopic, WirePayloads.Telemetry));
        (await broker.NextQueuedAsync()).Settle(IngestOutcome.Stored);
        await stored.WaitAsync(Timeouts.Test);
        await storedSeen.Task.WaitAsync(Timeouts.Test);

        lock (seen)
        {
            Assert.Equal([WirePayloads.Telemetry], seen);
        }
    }

    [Fact]
    public async Task When_nothing_is_stored_in_time_an_MQTT_5_device_is_told_to_keep_the_message_and_stays_connected()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync(ShortStoreTimeout);
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500);

        var publish = device.PublishAsync(Message(WirePayloads.DepositTopic, WirePayloads.Deposit));
        var queued = await broker.NextQueuedAsync();

        var result = await publish.WaitAsync(Timeouts.Test);
        Assert.Equal(MqttClientPublishReasonCode.ImplementationSpecificError, result.ReasonCode);
        Assert.Contains("send it again later", result.ReasonString, StringComparison.Ordinal);
        Assert.False(result.IsSuccess);
        Assert.False(queued.Completion.IsCompleted);
        Assert.True(device.IsConnected);
    }

    [Fact]
    public async Task When_nothing_is_stored_in_time_an_MQTT_3_1_1_device_is_disconnected_without_a_PUBACK()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync(ShortStoreTimeout);
        var device = await broker.ConnectAsync(MqttProtocolVersion.V311);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        device.DisconnectedAsync += _ =>
        {
            disconnected.TrySetResult();
            return Task.CompletedTask;
        };

        var publish = device.PublishAsync(Message(WirePayloads.DepositTopic, WirePayloads.Deposit));
        await broker.NextQueuedAsync();

        await disconnected.Task.WaitAsync(Timeouts.Test);
        var outcome = await Record.ExceptionAsync(() => publish.WaitAsync(Timeouts.Test));
        Assert.NotNull(outcome);
        Assert.IsNotType<TimeoutException>(outcome);
        Assert.False(device.IsConnected);
    }

    [Fact]
    public async Task A_device_that_reconnects_with_MQTT_3_1_1_after_a_session_with_MQTT_5_is_still_disconnected_on_a_timeout()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync(ShortStoreTimeout);
        var first = await broker.ConnectAsync(MqttProtocolVersion.V500, clientId: "scale-07", cleanSession: false, sessionExpirySeconds: 3600);
        await first.DisconnectAsync();

        var device = await broker.ConnectAsync(MqttProtocolVersion.V311, clientId: "scale-07", cleanSession: false);
        var publish = device.PublishAsync(Message(WirePayloads.DepositTopic, WirePayloads.Deposit));
        await broker.NextQueuedAsync();

        // Acknowledged, a 3.1.1 device would delete a deposit that was never stored: it must get no PUBACK.
        var outcome = await Record.ExceptionAsync(() => publish.WaitAsync(Timeouts.Test));
        Assert.NotNull(outcome);
        Assert.IsNotType<TimeoutException>(outcome);
    }

    [Fact]
    public async Task A_refused_message_from_an_MQTT_3_1_1_device_is_acknowledged_because_sending_it_again_would_not_help()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V311);

        var publish = device.PublishAsync(Message(WirePayloads.TelemetryTopic, "not json"));
        (await broker.NextQueuedAsync()).Settle(IngestOutcome.Refused(Rejection.Of(RejectionCode.InvalidJson, "not JSON")));

        Assert.True((await publish.WaitAsync(Timeouts.Test)).IsSuccess);
        Assert.True(device.IsConnected);
    }

    [Theory]
    [InlineData("city/lights/jalan-gajah-mada")]
    [InlineData("pontive")]
    [InlineData("pontivex/v1/a/b/telemetry")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/config")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/ack")]
    public async Task Topics_that_are_not_device_messages_pass_through_untouched(string topic)
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var subscriber = await broker.ConnectAsync(MqttProtocolVersion.V500);
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.TrySetResult(e.ApplicationMessage);
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        var publisher = await broker.ConnectAsync(MqttProtocolVersion.V500);

        var result = await publisher.PublishAsync(Message(topic, "{\"any\":\"thing\"}")).WaitAsync(Timeouts.Test);

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        var delivered = await received.Task.WaitAsync(Timeouts.Test);
        Assert.Equal("{\"any\":\"thing\"}", delivered.ConvertPayloadToString());
        Assert.True(broker.NothingQueued);
    }

    [Fact]
    public async Task An_MQTT_5_device_without_a_client_id_is_given_one_and_its_messages_are_taken()
    {
        await using var broker = await EmbeddedBrokerUnderTest.StartAsync();
        var device = await broker.ConnectAsync(MqttProtocolVersion.V500, clientId: string.Empty);

        var publish = device.PublishAsync(Message(WirePayloads.TelemetryTopic, WirePayloads.Telemetry));
        var queued = await broker.NextQueuedAsync();
        queued.Settle(IngestOutcome.Stored);

        Assert.True((await publish.WaitAsync(Timeouts.Test)).IsSuccess);
        Assert.StartsWith("anonymous-", queued.ClientId, StringComparison.Ordinal);
    }

    private static MqttApplicationMessage Message(string topic, string payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
}
