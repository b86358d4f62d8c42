using System.Buffers;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// An MQTT 5 client as a device (over TLS, trusting the city CA alone) or a local observer (plain, on loopback)
/// would be, signed in with an account or not. Keeps what it receives and how its connection ended.
/// </summary>
public sealed class SignedInClient : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<MqttApplicationMessage> _received = Channel.CreateUnbounded<MqttApplicationMessage>();
    private readonly TaskCompletionSource<MqttClientDisconnectedEventArgs> _disconnected = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SignedInClient(IMqttClient client, MqttClientConnectResult result)
    {
        _client = client;
        Result = result;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            _received.Writer.TryWrite(new MqttApplicationMessageBuilder()
                .WithTopic(e.ApplicationMessage.Topic)
                .WithPayload(e.ApplicationMessage.Payload.ToArray())
                .Build());
            return Task.CompletedTask;
        };
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                _disconnected.TrySetResult(e);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>The broker's CONNACK.</summary>
    public MqttClientConnectResult Result { get; }

    public bool IsConnected => _client.IsConnected;

    /// <summary>Completes when a connection that was up ends (the broker's DISCONNECT reason, if it sent one).</summary>
    public Task<MqttClientDisconnectedEventArgs> Disconnected => _disconnected.Task;

    /// <param name="trustedCa">TLS, with this CA as the only trusted root; null for plain MQTT.</param>
    public static async Task<SignedInClient> ConnectAsync(
        int port,
        string clientId,
        string? username,
        string? password,
        X509Certificate2? trustedCa,
        MqttProtocolVersion version = MqttProtocolVersion.V500)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(version)
            .WithCleanStart()
            .WithTimeout(IngestWaits.Patience);
        if (username is not null)
        {
            options = options.WithCredentials(username, password);
        }

        if (trustedCa is not null)
        {
            options = options.WithTlsOptions(tls => tls
                .UseTls()
                .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13)
                .WithTrustChain([trustedCa])
                .WithRevocationMode(X509RevocationMode.NoCheck));
        }

        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(options.Build()).WaitAsync(IngestWaits.Patience).ConfigureAwait(false);
        return new SignedInClient(client, result);
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload) =>
        await _client.PublishAsync(
            new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build()).WaitAsync(IngestWaits.Patience).ConfigureAwait(false);

    /// <summary>Subscribes to each filter (QoS 1) in one SUBSCRIBE; the SUBACK's codes in the same order.</summary>
    public async Task<IReadOnlyList<MqttClientSubscribeResultCode>> SubscribeAsync(params string[] filters)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            subscribe = subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(subscribe.Build()).WaitAsync(IngestWaits.Patience).ConfigureAwait(false);
        return [.. filters.Select(f => result.Items.Single(i => i.TopicFilter.Topic == f).ResultCode)];
    }

    /// <summary>The next message received on any subscription, in the order the broker sent them.</summary>
    public async Task<MqttApplicationMessage> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(IngestWaits.Patience).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync().ConfigureAwait(false);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The broker closed it first.
            }
        }

        _client.Dispose();
    }
}
