using System.Buffers;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>
/// Keeps this device connected to the city's broker: MQTT 5, a persistent session (the broker keeps what is meant
/// for the device while it is away), a retained last will that marks it offline, and its own reconnect loop with
/// backoff and jitter, since MQTTnet 5 has no managed client. In the field it signs in with its own account and
/// speaks TLS, trusting the city CA alone (settings from the enrolment bundle, <see cref="MqttOptions.Enrolment"/>).
/// </summary>
public sealed class BrokerConnection : BackgroundService
{
    private readonly MqttOptions _options;
    private readonly AgentOptions _agent;
    private readonly AgentTopics _topics;
    private readonly TimeProvider _time;
    private readonly ILogger<BrokerConnection> _logger;
    private readonly IMqttClient _client;
    private readonly ReconnectBackoff _backoff;
    private readonly X509Certificate2? _cityCa;
    private string? _certificateProblem;
    private readonly Dictionary<string, Func<ReadOnlyMemory<byte>, CancellationToken, Task>> _handlers = new(StringComparer.Ordinal);
    private readonly Lock _signalLock = new();
    private TaskCompletionSource _connected = NewSignal();
    private TaskCompletionSource _disconnected = NewSignal();

    public BrokerConnection(IOptions<MqttOptions> options, IOptions<AgentOptions> agent, AgentTopics topics, TimeProvider time, ILogger<BrokerConnection> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(agent);
        _agent = agent.Value;
        _options = options.Value.WithEnrolment(_agent.Site, _agent.Device);
        _cityCa = _options.UseTls ? _options.LoadCaCertificate() : null;
        _topics = topics;
        _time = time;
        _logger = logger;
        _backoff = new ReconnectBackoff(_options.ReconnectDelay, _options.ReconnectDelayMax);
        _client = new MqttClientFactory().CreateMqttClient();
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
    }

    /// <summary>Raised after every (re)connection, before publishers are released; the status reporter announces the device here.</summary>
    public event Func<CancellationToken, Task>? Connected;

    /// <summary>Raised when a reconnection attempt has been scheduled (its timer is already running on the clock).</summary>
    public event Action<TimeSpan>? ReconnectScheduled;

    public bool IsConnected => _client.IsConnected;

    public string ClientId => _options.ClientId ?? $"{_agent.Site}.{_agent.Device}";

    /// <summary>
    /// Subscribes (QoS 1) to a topic meant for this device on every connection, and hands each message's payload to
    /// <paramref name="handler"/>. Register before the host starts. The persistent session keeps what arrives while
    /// the device is offline.
    /// </summary>
    public void Subscribe(string topic, Func<ReadOnlyMemory<byte>, CancellationToken, Task> handler)
    {
        lock (_handlers)
        {
            _handlers[topic] = handler;
        }
    }

    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) =>
        _connected.Task.WaitAsync(cancellationToken);

    /// <summary>Publishes with QoS 1 and waits for the broker's PUBACK (at most <see cref="MqttOptions.PublishTimeout"/>).</summary>
    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .WithContentType("application/json")
            .Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        return await _client.PublishAsync(message, timeout.Token).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await TryConnectAsync(stoppingToken).ConfigureAwait(false))
                {
                    await _disconnected.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
                }

                var delay = _backoff.Next();
                Log.ReconnectingIn(_logger, delay);
                var wait = Task.Delay(delay, _time, stoppingToken);
                ReconnectScheduled?.Invoke(delay);
                await wait.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            // A clean disconnect does not fire the last will, so say "offline" ourselves.
            await PublishAsync(_topics.Status, OfflineStatus(), retain: true, cancellationToken).ConfigureAwait(false);
            await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException)
        {
            Log.DisconnectFailed(_logger, ex.Message);
        }
    }

    public override void Dispose()
    {
        _client.Dispose();
        _cityCa?.Dispose();
        base.Dispose();
    }

    private async Task<bool> TryConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            _disconnected = NewSignal();
            var result = await _client.ConnectAsync(ConnectOptions(), cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                // MQTTnet 5 returns a refusal instead of throwing: a wrong password or a revoked account ends up here.
                Log.ConnectFailed(_logger, _options.Host, _options.Port, $"the broker refused the connection: {result.ResultCode} {result.ReasonString}".TrimEnd());
                return false;
            }

            Log.Connected(_logger, _options.Host, _options.Port, ClientId, result.IsSessionPresent);
            _backoff.Reset();
            await SubscribeAllAsync(cancellationToken).ConfigureAwait(false);
            if (Connected is { } handlers)
            {
                foreach (var handler in handlers.GetInvocationList().Cast<Func<CancellationToken, Task>>())
                {
                    await handler(cancellationToken).ConfigureAwait(false);
                }
            }

            // The link may have dropped while the handlers ran, and the Disconnected event, finding the publishers not
            // yet released, had nothing to reset. Release them only onto a live connection; the event takes the same
            // lock, so a drop either shows here or resets the signal after this.
            lock (_signalLock)
            {
                if (!_client.IsConnected)
                {
                    Log.ConnectFailed(_logger, _options.Host, _options.Port, "the connection dropped while it was being set up");
                    return false;
                }

                _connected.TrySetResult();
            }

            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or MqttProtocolViolationException or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // SslStream only says the certificate was rejected; why (expired, another CA, another name) is noted by the check.
            var problem = Interlocked.Exchange(ref _certificateProblem, null);
            Log.ConnectFailed(_logger, _options.Host, _options.Port, problem is null ? ex.Message : $"{ex.Message} {problem}");
            return false;
        }
    }

    private async Task SubscribeAllAsync(CancellationToken cancellationToken)
    {
        string[] topics;
        lock (_handlers)
        {
            topics = [.. _handlers.Keys];
        }

        if (topics.Length == 0)
        {
            return;
        }

        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in topics)
        {
            subscribe = subscribe.WithTopicFilter(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await _client.SubscribeAsync(subscribe.Build(), cancellationToken).ConfigureAwait(false);
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        Func<ReadOnlyMemory<byte>, CancellationToken, Task>? handler;
        lock (_handlers)
        {
            _handlers.TryGetValue(e.ApplicationMessage.Topic, out handler);
        }

        if (handler is not null)
        {
            // The library reuses the payload's buffer once this returns: the handler gets its own copy.
            await handler(e.ApplicationMessage.Payload.ToArray(), CancellationToken.None).ConfigureAwait(false);
        }
    }

    private MqttClientOptions ConnectOptions()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(ClientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.PublishTimeout)
            .WithWillTopic(_topics.Status)
            .WithWillPayload(OfflineStatus())
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithWillRetain()
            .WithWillContentType("application/json");
        if (!string.IsNullOrEmpty(_options.Username))
        {
            builder = builder.WithCredentials(_options.Username, _options.Password);
        }

        if (_options.UseTls)
        {
            builder = builder.WithTlsOptions(TlsOptions());
        }

        return builder.Build();
    }

    /// <summary>
    /// TLS 1.2 or 1.3. With the city CA, MQTTnet builds the broker's chain with it as the only trusted root: a
    /// certificate from anyone else, an expired one, or one for another name is refused before any credential is sent.
    /// </summary>
    private MqttClientTlsOptions TlsOptions()
    {
        var tls = new MqttClientTlsOptionsBuilder()
            .UseTls()
            .WithSslProtocols(SslProtocols.Tls12 | SslProtocols.Tls13);
        if (_cityCa is not null)
        {
            // The city CA publishes no revocation list: a broker certificate is replaced, not revoked.
            tls = tls.WithTrustChain([_cityCa]).WithRevocationMode(X509RevocationMode.NoCheck);
        }

        tls = tls.WithCertificateValidationHandler(AcceptsBrokerCertificate);

        if (!string.IsNullOrEmpty(_options.TlsServerName))
        {
            tls = tls.WithTargetHost(_options.TlsServerName);
        }

        return tls.Build();
    }

    /// <summary>
    /// The chain was built by SslStream with the policy above (the city CA as the only root); this only keeps the
    /// verdict and, on a refusal, notes why for the log: a technician must see "expired" or "another CA", not just "rejected".
    /// </summary>
    private bool AcceptsBrokerCertificate(MqttClientCertificateValidationEventArgs e)
    {
        if (e.SslPolicyErrors == SslPolicyErrors.None)
        {
            return true;
        }

        var chain = e.Chain?.ChainStatus.Select(s => s.Status).Where(s => s != X509ChainStatusFlags.NoError).Distinct() ?? [];
        var subject = (e.Certificate as X509Certificate2)?.Subject ?? e.Certificate?.Subject ?? "(none)";
        var problem = $"The broker's certificate ({subject}) is not acceptable: {e.SslPolicyErrors}"
            + (chain.Any() ? $" ({string.Join(", ", chain)})" : string.Empty) + ".";
        Interlocked.Exchange(ref _certificateProblem, problem);
        return false;
    }

    private byte[] OfflineStatus() =>
        PayloadEncoder.Encode(new StatusMessage { T = _time.GetUtcNow(), State = StatusMessage.Offline });

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs e)
    {
        lock (_signalLock)
        {
            if (_connected.Task.IsCompleted)
            {
                _connected = NewSignal();
            }
        }

        if (e.ClientWasConnected)
        {
            Log.Disconnected(_logger, e.Reason.ToString(), e.Exception?.Message);
        }

        _disconnected.TrySetResult();
        return Task.CompletedTask;
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
