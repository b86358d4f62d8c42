using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>
/// The embedded broker on a free loopback port, with the pipeline replaced by the test: every message the
/// ingress queues is handed to the test, which settles it (stored or refused) when it decides, or never.
/// </summary>
public sealed class EmbeddedBrokerUnderTest : IAsyncDisposable
{
    private readonly EmbeddedBroker _broker;
    private readonly IngestBacklog _backlog;
    private readonly Channel<InboundMessage> _queued = Channel.CreateUnbounded<InboundMessage>();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<IMqttClient> _clients = [];
    private Task _consumer = Task.CompletedTask;

    private EmbeddedBrokerUnderTest(TimeSpan storeTimeout)
    {
        Port = FreePort.Next();
        var options = Options.Create(new BrokerOptions { BindAddress = "127.0.0.1", Port = Port, StoreTimeout = storeTimeout });
        _backlog = new IngestBacklog(Options.Create(new IngestOptions()));
        var ingress = new EmbeddedBrokerIngress(_backlog, TimeProvider.System, options, NullLogger<EmbeddedBrokerIngress>.Instance);
        _broker = new EmbeddedBroker(options, ingress, NullLogger<EmbeddedBroker>.Instance);
    }

    public int Port { get; }

    public static async Task<EmbeddedBrokerUnderTest> StartAsync(TimeSpan? storeTimeout = null)
    {
        var broker = new EmbeddedBrokerUnderTest(storeTimeout ?? TimeSpan.FromSeconds(10));
        await broker._broker.StartAsync(CancellationToken.None);
        broker._consumer = broker.ConsumeAsync();
        return broker;
    }

    /// <summary>The next message the ingress queued for storage.</summary>
    public async Task<InboundMessage> NextQueuedAsync() =>
        await _queued.Reader.ReadAsync().AsTask().WaitAsync(Timeouts.Test);

    public bool NothingQueued => !_queued.Reader.TryPeek(out _) && _backlog.Count == 0;

    public async Task<IMqttClient> ConnectAsync(
        MqttProtocolVersion version = MqttProtocolVersion.V500,
        string? clientId = null,
        bool cleanSession = true,
        uint sessionExpirySeconds = 0)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        _clients.Add(client);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithProtocolVersion(version)
            .WithClientId(clientId ?? $"test-{Guid.NewGuid():N}")
            .WithCleanSession(cleanSession)
            .WithTimeout(Timeouts.Test);
        if (version == MqttProtocolVersion.V500)
        {
            options = options.WithSessionExpiryInterval(sessionExpirySeconds);
        }

        await client.ConnectAsync(options.Build()).WaitAsync(Timeouts.Test);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            if (client.IsConnected)
            {
                try
                {
                    await client.DisconnectAsync().WaitAsync(Timeouts.Test);
                }
                catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
                {
                    // The broker may have closed it first.
                }
            }

            client.Dispose();
        }

        await _stop.CancelAsync();
        await _broker.StopAsync(CancellationToken.None);
        _broker.Dispose();
        try
        {
            await _consumer;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task ConsumeAsync()
    {
        await foreach (var message in _backlog.Reader.ReadAllAsync(_stop.Token))
        {
            _queued.Writer.TryWrite(message);
        }
    }
}
