using System.Buffers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// Subscribes to an external broker (Mosquitto, EMQX) with a persistent session and acknowledges each message
/// only after it is stored or kept as a dead letter (manual acknowledgement). At most
/// <see cref="BrokerOptions.MaxUnacknowledged"/> messages are in hand at once (MQTT 5 receive maximum); the broker
/// keeps the rest, also while Ingest is away. MQTTnet 5 has no managed client, so reconnecting is this loop's job.
/// With <c>Security:Enabled</c> it also takes the reports of Mosquitto's guard plugin on the publishes it refused
/// (<see cref="MosquittoRefusalReport"/>), acknowledged once they are counted and kept.
/// </summary>
public sealed class ExternalBrokerSubscriber : BackgroundService, IBrokerLink
{
    private readonly BrokerOptions _options;
    private readonly IngestBacklog _queue;
    private readonly RefusedPublishes? _refusedPublishes;
    private readonly TimeProvider _time;
    private readonly ILogger<ExternalBrokerSubscriber> _logger;
    private readonly IMqttClient _client;
    private readonly SemaphoreSlim _unacknowledged;
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ExternalBrokerSubscriber(
        IOptions<BrokerOptions> options,
        IOptions<SecurityOptions> security,
        IngestBacklog queue,
        RefusedPublishes refusedPublishes,
        TimeProvider time,
        ILogger<ExternalBrokerSubscriber> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(security);
        _options = options.Value;
        _queue = queue;
        // Without security anyone may publish on the report topic, so a report would prove nothing: not subscribed.
        _refusedPublishes = security.Value.Enabled ? refusedPublishes : null;
        _time = time;
        _logger = logger;
        _unacknowledged = new SemaphoreSlim(_options.MaxUnacknowledged, _options.MaxUnacknowledged);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += e =>
        {
            if (e.ClientWasConnected)
            {
                Log.ExternalBrokerDisconnected(_logger, e.Reason.ToString());
            }

            return Task.CompletedTask;
        };
    }

    public string Description => $"external broker {_options.Host}:{_options.Port}";

    public bool IsUp => _client.IsConnected;

    public Task WaitUntilUpAsync(CancellationToken cancellationToken) => _subscribed.Task.WaitAsync(cancellationToken);

    public async Task PublishToDeviceAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        await _client.PublishAsync(DeviceMessages.Build(topic, payload, retain), cancellationToken).ConfigureAwait(false);

    public IMqttClient Client => _client;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await _client.TryPingAsync(stoppingToken).ConfigureAwait(false))
                {
                    await ConnectAndSubscribeAsync(stoppingToken).ConfigureAwait(false);
                }

                delay = TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException or MqttProtocolViolationException)
            {
                Log.ExternalBrokerUnreachable(_logger, _options.Host, _options.Port, ex.Message, delay);
            }

            await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.ReconnectDelayMax.Ticks));
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _unacknowledged.Dispose();
        base.Dispose();
    }

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)_options.MaxUnacknowledged)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(30));
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.UseTls)
        {
            builder = builder.WithTlsOptions(BrokerTls.ForClient(_options.CaCertificate));
        }

        var result = await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        Log.ExternalBrokerConnected(_logger, _options.Host, _options.Port, _options.ClientId, result.IsSessionPresent);

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var channel in DeviceChannels.FromDevice)
        {
            subscribe = subscribe.WithTopicFilter(DeviceTopic.FilterForAllDevices(channel), MqttQualityOfServiceLevel.AtLeastOnce);
        }

        if (_refusedPublishes is not null)
        {
            subscribe = subscribe.WithTopicFilter(MosquittoRefusalReport.ReportTopic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
        _subscribed.TrySetResult();
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        e.AutoAcknowledge = false;
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload.ToArray();
        await _unacknowledged.WaitAsync().ConfigureAwait(false);
        InboundMessage message;
        try
        {
            if (_refusedPublishes is not null && topic == MosquittoRefusalReport.ReportTopic)
            {
                message = _refusedPublishes.KeepReported(payload, _time.GetUtcNow());
            }
            else
            {
                message = new InboundMessage(topic, payload, _time.GetUtcNow(), clientId: null);
                await _queue.EnqueueAsync(message, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch
        {
            _unacknowledged.Release();
            throw;
        }

        _ = AcknowledgeWhenSettledAsync(message, e);
    }

    private async Task AcknowledgeWhenSettledAsync(InboundMessage message, MqttApplicationMessageReceivedEventArgs e)
    {
        try
        {
            await message.Completion.ConfigureAwait(false);
            await e.AcknowledgeAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or ObjectDisposedException)
        {
            // The connection this message came on is gone; the broker will deliver it again and the write is idempotent.
            Log.AcknowledgeFailed(_logger, message.Topic, ex.Message);
        }
        finally
        {
            _unacknowledged.Release();
        }
    }
}
