using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Exceptions;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;
using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>
/// Sends recorded deposits and corrections to the city, oldest first, each as its own message, and sends again those
/// the city has not acknowledged in time. Their state follows the broker's PUBACK (sent) and the city's
/// acknowledgement (stored, see <see cref="DepositAckListener"/>).
/// </summary>
internal sealed class DepositPublisher(
    DepositOutbox deposits,
    CorrectionOutbox corrections,
    BrokerConnection broker,
    AgentTopics topics,
    ClockTrust clock,
    IOptions<MqttOptions> options,
    TimeProvider time,
    ILogger<DepositPublisher> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>How often to look again while readings wait for the clock, or nothing else wakes the loop.</summary>
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMinutes(1);

    private readonly ReconnectBackoff _retry = new(options.Value.ReconnectDelay, options.Value.ReconnectDelayMax);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await broker.WaitUntilConnectedAsync(stoppingToken).ConfigureAwait(false);
                var includeUnsynced = !clock.IsHoldingUnsynced;
                var due = deposits.Due(BatchSize, includeUnsynced)
                    .Select(d => (d.Id, topics.Deposit, PayloadEncoder.Encode(d)))
                    .Concat(corrections.Due(BatchSize, includeUnsynced).Select(c => (c.Id, topics.Correction, PayloadEncoder.Encode(c))))
                    .ToList();
                if (due.Count == 0)
                {
                    await WaitForWorkAsync(stoppingToken).ConfigureAwait(false);
                    continue;
                }

                foreach (var (id, topic, payload) in due)
                {
                    if (!await TrySendAsync(id, topic, payload, stoppingToken).ConfigureAwait(false))
                    {
                        await Task.Delay(_retry.Next(), time, stoppingToken).ConfigureAwait(false);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: every deposit stays in the outbox until the city acknowledges it.
        }
    }

    /// <summary>One deposit or correction (<paramref name="id"/> is its ULID, the ledger's key).</summary>
    private async Task<bool> TrySendAsync(string id, string topic, byte[] payload, CancellationToken cancellationToken)
    {
        try
        {
            var result = await broker.PublishAsync(topic, payload, retain: false, cancellationToken).ConfigureAwait(false);
            switch (PublishVerdicts.Of(result))
            {
                case PublishVerdict.Delivered:
                    deposits.MarkSent(id);
                    _retry.Reset();
                    return true;
                case PublishVerdict.Refused:
                    Log.DepositRefused(logger, id, result.ReasonString ?? result.ReasonCode.ToString());
                    deposits.MarkRefused(id, result.ReasonString ?? result.ReasonCode.ToString());
                    return true;
                default:
                    Log.DepositNotStored(logger, id, result.ReasonCode.ToString(), result.ReasonString);
                    return false;
            }
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException
                                       || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.DepositSendFailed(logger, id, ex.Message);
            return false;
        }
    }

    /// <summary>Until a deposit is recorded or acknowledged, the next one is due again, or a minute passes.</summary>
    private async Task WaitForWorkAsync(CancellationToken cancellationToken)
    {
        var wait = IdleCheck;
        if (deposits.NextResendAt() is { } next && !clock.IsHoldingUnsynced)
        {
            var untilNext = next - time.GetUtcNow();
            wait = untilNext < TimeSpan.Zero ? TimeSpan.Zero : untilNext < wait ? untilNext : wait;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var changed = deposits.WaitForChangeAsync(stop.Token).AsTask();
        var elapsed = Task.Delay(wait, time, stop.Token);
        await Task.WhenAny(changed, elapsed).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
