using System.Buffers;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>A plain MQTT 5 client for tests: a third-party device publishing, or an observer watching a topic.</summary>
public sealed class TestMqttClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();

    private TestMqttClient(IMqttClient client)
    {
        _client = client;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var copy = new MqttApplicationMessageBuilder()
                .WithTopic(e.ApplicationMessage.Topic)
                .WithPayload(e.ApplicationMessage.Payload.ToArray())
                .WithRetainFlag(e.ApplicationMessage.Retain)
                .Build();
            _received.Writer.TryWrite(copy);
            return Task.CompletedTask;
        };
    }

    public static async Task<TestMqttClient> ConnectAsync(int port, string clientId, MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanStart()
            .Build();
        await client.ConnectAsync(options).ConfigureAwait(false);
        return new TestMqttClient(client);
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload, bool retain = false) =>
        await _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag(retain)
                .Build()).ConfigureAwait(false);

    public async Task SubscribeAsync(string filter) =>
        await _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce).ConfigureAwait(false);

    /// <summary>The next message received on any subscription.</summary>
    public async Task<MqttApplicationMessage> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(IngestWaits.Patience).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync().ConfigureAwait(false);
        }

        _client.Dispose();
    }
}
