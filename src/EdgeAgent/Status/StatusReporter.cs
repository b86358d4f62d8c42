using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Status;

/// <summary>
/// Publishes the retained <c>status</c>: online, version, uptime and the outbox figures, on every (re)connection
/// and every <see cref="AgentOptions.StatusInterval"/>, so the city sees a device's health and backlog at a glance.
/// </summary>
internal sealed class StatusReporter : BackgroundService
{
    private readonly BrokerConnection _broker;
    private readonly AgentTopics _topics;
    private readonly TelemetryOutbox _outbox;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusReporter> _logger;
    private readonly TimeSpan _interval;
    private readonly long _startedAt;

    public StatusReporter(BrokerConnection broker, AgentTopics topics, TelemetryOutbox outbox, IOptions<AgentOptions> options, TimeProvider time, ILogger<StatusReporter> logger)
    {
        _broker = broker;
        _topics = topics;
        _outbox = outbox;
        _time = time;
        _logger = logger;
        _interval = options.Value.StatusInterval;
        _startedAt = time.GetTimestamp();
        _broker.Connected += PublishAsync;
    }

    public static string Version { get; } =
        typeof(StatusReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public StatusMessage Current() => new()
    {
        T = _time.GetUtcNow(),
        State = StatusMessage.Online,
        Version = Version,
        UptimeS = (long)_time.GetElapsedTime(_startedAt).TotalSeconds,
        Clock = ClockState.Synced,
        Outbox = _outbox.Figures(),
    };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(_interval, _time, stoppingToken).ConfigureAwait(false);
                if (_broker.IsConnected)
                {
                    await PublishAsync(stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task PublishAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _broker.PublishAsync(_topics.Status, PayloadEncoder.Encode(Current()), retain: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.StatusFailed(_logger, ex.Message);
        }
    }
}
