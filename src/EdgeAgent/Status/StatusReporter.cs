using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Sampling;

namespace Pontive.Iot.EdgeAgent.Status;

/// <summary>
/// Publishes the retained <c>status</c>: online, version, uptime and the outbox figures, on every (re)connection
/// and every <see cref="AgentOptions.StatusInterval"/>, so the city sees a device's health and backlog at a glance.
/// </summary>
internal sealed class StatusReporter : BackgroundService
{
    private readonly BrokerConnection _broker;
    private readonly AgentTopics _topics;
    private readonly OutboxGauge _outbox;
    private readonly ClockTrust _clock;
    private readonly SensorHealth _sensors;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusReporter> _logger;
    private readonly TimeSpan _interval;
    private readonly long _startedAt;

    public StatusReporter(
        BrokerConnection broker,
        AgentTopics topics,
        OutboxGauge outbox,
        ClockTrust clock,
        SensorHealth sensors,
        IOptions<AgentOptions> options,
        TimeProvider time,
        ILogger<StatusReporter> logger)
    {
        _broker = broker;
        _topics = topics;
        _outbox = outbox;
        _clock = clock;
        _sensors = sensors;
        _time = time;
        _logger = logger;
        _interval = options.Value.StatusInterval;
        _startedAt = time.GetTimestamp();
        _broker.Connected += PublishAsync;
    }

    public static string Version { get; } =
        typeof(StatusReporter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>The warning raised when the outbox passes its warning fraction of the cap.</summary>
    public const string OutboxNearlyFull = "outbox_nearly_full";

    public const string ClockNotTrusted = "clock_not_trusted";

    public StatusMessage Current()
    {
        var warnings = new List<string>();
        if (_outbox.IsNearlyFull)
        {
            warnings.Add(OutboxNearlyFull);
        }

        if (!_clock.IsTrusted)
        {
            warnings.Add(ClockNotTrusted);
        }

        warnings.AddRange(_sensors.States.Where(s => !s.Value.IsOk).Select(s => Fit($"sensor_failing:{s.Key}", WireLimits.MaxTextLength)).Order(StringComparer.Ordinal));
        return new StatusMessage
        {
            T = _time.GetUtcNow(),
            State = StatusMessage.Online,
            Version = Version,
            UptimeS = (long)_time.GetElapsedTime(_startedAt).TotalSeconds,
            Clock = _clock.IsTrusted ? ClockState.Synced : ClockState.Unsynced,
            Outbox = _outbox.Figures(),
            Warnings = warnings.Count > 0 ? warnings : null,
            Sensors = _sensors.States.Count > 0
                ? _sensors.States.OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(
                    s => s.Key,
                    s => s.Value.IsOk ? "ok" : Fit($"failing: {s.Value.LastError}", 200),
                    StringComparer.Ordinal)
                : null,
        };
    }

    /// <summary>
    /// Within the contract's rules for status texts (no control characters, a length limit): a driver's error may span
    /// lines and a sensor id may be long, and one bad text would make the city refuse the whole status.
    /// </summary>
    private static string Fit(string text, int maxLength)
    {
        var clean = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? ' ' : source[i];
            }
        });
        return clean.Length <= maxLength ? clean : clean[..maxLength];
    }

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
