using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>
/// Drains the telemetry outbox to the broker: the oldest samples first, many per message after an outage, and a
/// sample leaves the outbox only when the broker's PUBACK says the city has it. A message that failed is sent
/// again with the same <c>seq</c>, so a retry is not a gap.
/// </summary>
internal sealed class TelemetryPublisher(
    TelemetryOutbox outbox,
    BrokerConnection broker,
    AgentTopics topics,
    ClockTrust clock,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<TelemetryPublisher> logger) : BackgroundService
{
    /// <summary>Room left under the 64 KiB limit for the envelope (<c>v</c>, <c>seq</c>, brackets).</summary>
    private const int MaxSampleBytes = WireLimits.MaxPayloadBytes - 1024;

    /// <summary>While samples wait for the clock, how often to check whether the hold is over.</summary>
    private static readonly TimeSpan HoldCheck = TimeSpan.FromSeconds(30);

    private readonly ReconnectBackoff _retry = new(options.Value.ReconnectDelay, options.Value.ReconnectDelayMax);
    private (long FirstId, long Seq)? _unconfirmed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await broker.WaitUntilConnectedAsync(stoppingToken).ConfigureAwait(false);
                var holding = clock.IsHoldingUnsynced;
                var batch = outbox.PeekBatch(options.Value.MaxSamplesPerMessage, MaxSampleBytes, includeUnsynced: !holding);
                if (batch.Count == 0)
                {
                    await WaitForWorkAsync(holding, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (!await TryPublishAsync(batch, stoppingToken).ConfigureAwait(false))
                {
                    await Task.Delay(_retry.Next(), time, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: whatever was not confirmed stays in the outbox for next time.
        }
    }

    /// <summary>Until a sample is appended; while readings wait for the clock, also until it is trusted or a little while passed.</summary>
    private async Task WaitForWorkAsync(bool holding, CancellationToken cancellationToken)
    {
        if (!holding)
        {
            await outbox.WaitForAppendAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(
            outbox.WaitForAppendAsync(stop.Token).AsTask(),
            clock.WhenTrustedAsync(stop.Token),
            Task.Delay(HoldCheck, time, stop.Token)).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private async Task<bool> TryPublishAsync(IReadOnlyList<OutboxEntry> batch, CancellationToken cancellationToken)
    {
        var seq = _unconfirmed is { } pending && pending.FirstId == batch[0].Id ? pending.Seq : outbox.NextSequence();
        _unconfirmed = (batch[0].Id, seq);
        var message = new TelemetryMessage { Seq = seq, Samples = batch.Select(e => e.Sample).ToList() };
        try
        {
            var result = await broker.PublishAsync(topics.Telemetry, PayloadEncoder.Encode(message), retain: false, cancellationToken).ConfigureAwait(false);
            switch (PublishVerdicts.Of(result))
            {
                case PublishVerdict.Delivered:
                    break;
                case PublishVerdict.Refused:
                    Log.TelemetryRefused(logger, batch.Count, seq, result.ReasonString ?? result.ReasonCode.ToString());
                    break;
                default:
                    Log.TelemetryNotStored(logger, seq, result.ReasonCode.ToString(), result.ReasonString);
                    return false;
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.PublishFailed(logger, seq, ex.Message);
            return false;
        }

        outbox.Remove(batch);
        _unconfirmed = null;
        _retry.Reset();
        Log.TelemetryPublished(logger, seq, batch.Count);
        return true;
    }
}
