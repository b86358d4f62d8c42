using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>
/// Takes what is queued, up to <see cref="IngestOptions.MaxBatchLines"/> lines at a time, and stores it in one write.
/// Batches form by themselves: when idle a message is written at once; under load, what arrived during one write
/// goes into the next. Each message is settled only after its points are stored or it is kept as a dead letter.
/// </summary>
internal sealed class IngestWorker(
    IngestBacklog queue,
    RetryingPointWriter writer,
    RejectionKeeper rejections,
    IngestStatistics statistics,
    IngestNotifications notifications,
    IOptions<IngestOptions> options,
    IOptions<FaultInjectionOptions> faults,
    DeviceRateLimiter rateLimiter,
    ILogger<IngestWorker> logger) : BackgroundService
{
    private readonly double _rateLimit = options.Value.DeviceRateLimit;
    private readonly int _maxBatchLines = options.Value.MaxBatchLines;
    private int _writesBeforeKill = faults.Value.KillAfterWrites;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.WritingTo(logger, writer.Destination);
        var batch = new List<InterpretedMessage>();

        // A message that would have taken its batch past the limit opens the next one instead. Only a message that
        // alone has more lines than the limit is written larger than it, on its own.
        InterpretedMessage? carried = null;
        try
        {
            while (carried is not null || await queue.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                var lines = 0;
                if (carried is not null)
                {
                    batch.Add(carried);
                    lines = carried.Points.Count;
                    carried = null;
                }

                while (lines < _maxBatchLines && queue.Reader.TryRead(out var inbound))
                {
                    var message = Take(inbound);
                    if (message is null)
                    {
                        continue;
                    }

                    if (batch.Count > 0 && lines + message.Points.Count > _maxBatchLines)
                    {
                        carried = message;
                        break;
                    }

                    batch.Add(message);
                    lines += message.Points.Count;
                }

                if (batch.Count > 0)
                {
                    await StoreAsync(batch, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was not stored stays unacknowledged and will be delivered again.
        }
        catch (Exception ex)
        {
            Log.PipelineCrashed(logger, ex);
            throw;
        }
    }

    private InterpretedMessage? Take(InboundMessage inbound)
    {
        // Before any parsing: a device flooding the ingestor costs a topic check per message, not a JSON parse.
        // A replayed dead letter is not the device speaking now (an admin sent it again), so it takes none of its tokens.
        var sender = DeviceTopic.TryParse(inbound.Topic, out var topic, out _) ? $"{topic.Site}/{topic.Device}" : inbound.ClientId ?? inbound.Topic;
        if (inbound.ReplayOf is null && !rateLimiter.TryAcquire(sender))
        {
            statistics.MessageReceived(topic?.Channel.WireName() ?? "unknown");
            var limited = Rejection.Of(RejectionCode.RateLimited, $"{sender} sent more than {_rateLimit} messages a second (burst included); this one is kept, not stored");
            rejections.Refuse(new InterpretedMessage(inbound, topic, [], limited), limited);
            return null;
        }

        var message = MessageInterpreter.Interpret(inbound);
        var channel = message.Topic?.Channel.WireName() ?? "unknown";
        statistics.MessageReceived(channel);
        if (message.Rejection is { } rejection)
        {
            rejections.Refuse(message, rejection);
            return null;
        }

        return message;
    }

    private async Task StoreAsync(List<InterpretedMessage> batch, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(batch.SelectMany(m => m.Points).ToList(), cancellationToken).ConfigureAwait(false);
            Settle(batch);
        }
        catch (InfluxWriteException ex) when (!ex.IsRetryable)
        {
            statistics.WriteFailed(ex.Message);
            Log.BatchRefused(logger, batch.Count, ex.Message);
            await StoreOneByOneAsync(batch, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>After a permanent refusal, find the message(s) to blame so the rest of the batch is still stored.</summary>
    private async Task StoreOneByOneAsync(List<InterpretedMessage> batch, CancellationToken cancellationToken)
    {
        foreach (var message in batch)
        {
            try
            {
                await writer.WriteAsync(message.Points, cancellationToken).ConfigureAwait(false);
                Settle([message]);
            }
            catch (InfluxWriteException ex) when (!ex.IsRetryable)
            {
                statistics.WriteFailed(ex.Message);
                rejections.Refuse(message, Rejection.Of(RejectionCode.StorageRefused, ex.Message));
            }
        }
    }

    private void Settle(List<InterpretedMessage> stored)
    {
        if (_writesBeforeKill > 0 && --_writesBeforeKill == 0)
        {
            Log.FaultInjectionKill(logger, stored.Count);
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }

        // Counted before they are acknowledged, so /health never shows fewer stored messages than the broker was told.
        statistics.MessagesStored(stored.Count);
        foreach (var message in stored)
        {
            message.Inbound.Settle(IngestOutcome.Stored);
        }

        Log.BatchStored(logger, stored.Count, stored.Sum(m => m.Points.Count));
        notifications.OnStored(stored);
    }
}
