using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;
using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// The ceiling: a plain MQTTnet subscriber with the same persistent session, QoS 1 and receive maximum as Ingest,
/// that does nothing with a message but acknowledge it. Ingest can drain no faster than this.
/// </summary>
internal static class BrokerOnlyDrain
{
    public static async Task<DrainMeasurement> RunAsync(BenchSettings settings, TelemetryBacklog backlog, CancellationToken cancellationToken)
    {
        var clientId = $"bench-subscriber-{settings.RunId}";
        var session = settings.Broker.ClientOptions(clientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)TimeSpan.FromHours(1).TotalSeconds)
            .WithReceiveMaximum((ushort)settings.MaxUnacknowledged);

        using var subscriber = new MqttClientFactory().CreateMqttClient();
        await subscriber.ConnectAsync(session.Build(), cancellationToken).ConfigureAwait(false);
        await subscriber.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(DeviceTopic.FilterForAllDevices(DeviceChannel.Telemetry), MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(),
            cancellationToken).ConfigureAwait(false);
        await subscriber.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);

        try
        {
            var queueTime = await BacklogPublisher.PublishAsync(settings.Broker, $"bench-publisher-{settings.RunId}", backlog.Messages, cancellationToken).ConfigureAwait(false);

            var expected = backlog.Messages.Count;
            var received = 0;
            var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            subscriber.ApplicationMessageReceivedAsync += _ =>
            {
                // MQTTnet acknowledges (PUBACK) when this handler returns: the default, automatic acknowledgement.
                if (Interlocked.Increment(ref received) == expected)
                {
                    allReceived.TrySetResult();
                }

                return Task.CompletedTask;
            };

            var cpu = CpuMeter.Start(settings.ServerPids);
            var elapsed = Stopwatch.StartNew();
            var connected = await subscriber.ConnectAsync(session.Build(), cancellationToken).ConfigureAwait(false);
            if (!connected.IsSessionPresent)
            {
                throw new InvalidOperationException("the broker lost the subscriber's session, and with it the backlog");
            }

            await DrainWait.UntilAsync(allReceived.Task, settings.Timeout, () => $"{Volatile.Read(ref received)} of {expected} messages arrived", cancellationToken).ConfigureAwait(false);
            elapsed.Stop();
            var cpuUse = cpu.Stop();
            await subscriber.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
            return new DrainMeasurement("broker only (plain MQTTnet subscriber)", expected, queueTime, elapsed.Elapsed, cpuUse);
        }
        finally
        {
            await settings.Broker.ForgetSessionAsync(clientId, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
