using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// The one-machine default: an MQTTnet broker inside Ingest. Device messages are taken by
/// <see cref="EmbeddedBrokerIngress"/> as they arrive, so a device's PUBACK means "stored", not just "received".
/// With a <see cref="BrokerOptions.TlsCertificate"/> it also listens with TLS; with an <see cref="EmbeddedBrokerGuard"/>
/// (<c>Security:Enabled</c>) every client signs in and keeps to its topics.
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IBrokerLink, IDisposable
{
    /// <summary>The sender named on messages Ingest itself publishes into the embedded broker.</summary>
    public const string IngestClientId = "pontive-ingest";

    private readonly BrokerOptions _options;
    private readonly EmbeddedBrokerIngress _ingress;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly X509Certificate2? _certificate;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EmbeddedBroker(IOptions<BrokerOptions> options, EmbeddedBrokerIngress ingress, ILogger<EmbeddedBroker> logger, EmbeddedBrokerGuard? guard = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(ingress);
        _options = options.Value;
        _ingress = ingress;
        _logger = logger;
        var plain = ListenAddresses.For(_options.BindAddress);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(plain.V4)
            .WithDefaultEndpointBoundIPV6Address(plain.V6)
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions();
        if (!string.IsNullOrEmpty(_options.TlsCertificate))
        {
            // PEM certificate and key as `pontive-ingest ca init` writes them; on Linux SslStream takes the key as loaded.
            _certificate = X509Certificate2.CreateFromPemFile(_options.TlsCertificate, _options.TlsPrivateKey);
            var tls = ListenAddresses.For(_options.TlsBindAddress);
            builder = builder
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointBoundIPAddress(tls.V4)
                .WithEncryptedEndpointBoundIPV6Address(tls.V6)
                .WithEncryptedEndpointPort(_options.TlsPort)
                .WithEncryptionCertificate(_certificate)
                .WithEncryptionSslProtocol(SslProtocols.Tls12 | SslProtocols.Tls13);
        }

        // Our own listeners, for the packet size limit MQTTnet lacks (GuardedTcpServerAdapter).
        Server = new MqttServerFactory().CreateMqttServer(builder.Build(), [new GuardedTcpServerAdapter(_options.MaxPacketBytes)]);
        Server.ClientConnectedAsync += EmbeddedBrokerIngress.OnClientConnectedAsync;
        if (guard is null)
        {
            Server.ValidatingConnectionAsync += EmbeddedBrokerIngress.OnValidatingConnectionAsync;
            Server.InterceptingPublishAsync += _ingress.OnInterceptingPublishAsync;
        }
        else
        {
            Server.ValidatingConnectionAsync += guard.OnValidatingConnectionAsync;
            Server.InterceptingSubscriptionAsync += guard.OnInterceptingSubscriptionAsync;
            Server.InterceptingPublishAsync += e => guard.AllowPublish(e) ? _ingress.OnInterceptingPublishAsync(e) : Task.CompletedTask;
        }
    }

    public MqttServer Server { get; }

    public string Description => _certificate is null
        ? $"embedded broker on {_options.BindAddress}:{_options.Port}"
        : $"embedded broker on {_options.BindAddress}:{_options.Port}, TLS on {_options.TlsBindAddress}:{_options.TlsPort}";

    public bool IsUp => Server.IsStarted;

    public Task WaitUntilUpAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Server.StartAsync().ConfigureAwait(false);
        Log.EmbeddedBrokerStarted(_logger, _options.BindAddress, _options.Port);
        if (_certificate is not null)
        {
            Log.EmbeddedBrokerStarted(_logger, $"{_options.TlsBindAddress} (TLS)", _options.TlsPort);
        }

        _started.TrySetResult();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Server.StopAsync();

    public Task PublishToDeviceAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        Server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(DeviceMessages.Build(topic, payload, retain)) { SenderClientId = IngestClientId, SenderUserName = BrokerIdentity.IngestUsername },
            cancellationToken);

    public void Dispose()
    {
        Server.Dispose();
        _certificate?.Dispose();
    }
}
