using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// The one-machine default: an MQTTnet broker inside Ingest. Device messages are taken by
/// <see cref="EmbeddedBrokerIngress"/> as they arrive, so a device's PUBACK means "stored", not just "received".
/// </summary>
public sealed class EmbeddedBroker : IHostedService, IBrokerLink, IDisposable
{
    /// <summary>The sender named on messages Ingest itself publishes into the embedded broker.</summary>
    public const string IngestClientId = "pontive-ingest";

    private readonly BrokerOptions _options;
    private readonly EmbeddedBrokerIngress _ingress;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public EmbeddedBroker(IOptions<BrokerOptions> options, EmbeddedBrokerIngress ingress, ILogger<EmbeddedBroker> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _ingress = ingress;
        _logger = logger;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(_options.BindAddress))
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions()
            .Build();
        Server = new MqttServerFactory().CreateMqttServer(serverOptions);
        Server.ValidatingConnectionAsync += EmbeddedBrokerIngress.OnValidatingConnectionAsync;
        Server.ClientConnectedAsync += EmbeddedBrokerIngress.OnClientConnectedAsync;
        Server.InterceptingPublishAsync += _ingress.OnInterceptingPublishAsync;
    }

    public MqttServer Server { get; }

    public string Description => $"embedded broker on {_options.BindAddress}:{_options.Port}";

    public bool IsUp => Server.IsStarted;

    public Task WaitUntilUpAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Server.StartAsync().ConfigureAwait(false);
        Log.EmbeddedBrokerStarted(_logger, _options.BindAddress, _options.Port);
        _started.TrySetResult();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Server.StopAsync();

    public Task PublishToDeviceAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken) =>
        Server.InjectApplicationMessage(
            new InjectedMqttApplicationMessage(DeviceMessages.Build(topic, payload, retain)) { SenderClientId = IngestClientId },
            cancellationToken);

    public void Dispose() => Server.Dispose();
}
