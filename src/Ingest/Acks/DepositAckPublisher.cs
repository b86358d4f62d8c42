using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Payloads;
using Pontive.Iot.Contracts.Serialization;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Acks;

/// <summary>
/// Tells each device which of its deposits (and corrections) are now stored, on its <c>ack</c> channel, so the kiosk can show
/// "tersimpan" (stored). Acknowledgements go out after the InfluxDB write, batched per device. One that is lost
/// (Ingest stops, the broker drops it) is not a problem: the device sends the deposit again after a while,
/// the write changes nothing, and the acknowledgement comes again.
/// </summary>
internal sealed class DepositAckPublisher : BackgroundService
{
    private const int MaxIdsPerAck = 100;

    private readonly IBrokerLink _broker;
    private readonly TimeProvider _time;
    private readonly ILogger<DepositAckPublisher> _logger;
    private readonly Channel<(DeviceTopic Device, string AckId)> _stored = Channel.CreateUnbounded<(DeviceTopic, string)>();

    public DepositAckPublisher(IBrokerLink broker, IngestNotifications notifications, TimeProvider time, ILogger<DepositAckPublisher> logger)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        _broker = broker;
        _time = time;
        _logger = logger;
        notifications.Stored += OnStored;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _stored.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                var byDevice = new Dictionary<(string Site, string Device), List<string>>();
                while (_stored.Reader.TryRead(out var stored))
                {
                    var key = (stored.Device.Site, stored.Device.Device);
                    if (!byDevice.TryGetValue(key, out var ids))
                    {
                        byDevice[key] = ids = [];
                    }

                    ids.Add(stored.AckId);
                }

                foreach (var ((site, device), ids) in byDevice)
                {
                    foreach (var chunk in ids.Chunk(MaxIdsPerAck))
                    {
                        await PublishAsync(site, device, chunk, stoppingToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: unsent acknowledgements are recovered by the devices sending again.
        }
    }

    private void OnStored(IReadOnlyList<InterpretedMessage> messages)
    {
        foreach (var message in messages)
        {
            if (message is { AckId: { } id, Topic: { } topic })
            {
                _stored.Writer.TryWrite((topic, id));
            }
        }
    }

    private async Task PublishAsync(string site, string device, string[] ids, CancellationToken cancellationToken)
    {
        var topic = DeviceTopic.Build(site, device, DeviceChannel.Ack);
        var ack = new AckMessage { T = _time.GetUtcNow(), Ids = ids };
        try
        {
            await _broker.PublishToDeviceAsync(topic, PayloadEncoder.Encode(ack), retain: false, cancellationToken).ConfigureAwait(false);
            Log.DepositsAcknowledged(_logger, ids.Length, site, device);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.AckFailed(_logger, ids.Length, site, device, ex.Message);
        }
    }
}
