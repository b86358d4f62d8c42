using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// Puts the backlog into the broker as devices would: QoS 1, several publishes in flight. A PUBACK means the broker
/// has queued the message for every session subscribed, so once all are acknowledged the backlog is in place.
/// </summary>
internal static class BacklogPublisher
{
    /// <summary>As in the broker rates of checked-facts.md: enough to keep one broker core busy.</summary>
    public const int PublishesInFlight = 100;

    /// <summary>Publishes every message and returns how long it took.</summary>
    /// <exception cref="InvalidOperationException">The broker refused a message, or queued it for nobody.</exception>
    public static async Task<TimeSpan> PublishAsync(BrokerAddress broker, string clientId, IReadOnlyList<QueuedMessage> messages, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(broker.ClientOptions(clientId).WithCleanStart(true).Build(), cancellationToken).ConfigureAwait(false);
        using var slots = new SemaphoreSlim(PublishesInFlight, PublishesInFlight);
        string? failure = null;
        var elapsed = Stopwatch.StartNew();
        foreach (var message in messages)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref failure) is { } problem)
            {
                throw new InvalidOperationException(problem);
            }

            _ = PublishOneAsync(message);
        }

        // Every slot back means every publish was acknowledged.
        for (var i = 0; i < PublishesInFlight; i++)
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        elapsed.Stop();
        if (failure is not null)
        {
            throw new InvalidOperationException(failure);
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
        return elapsed.Elapsed;

        async Task PublishOneAsync(QueuedMessage message)
        {
            try
            {
                var publish = new MqttApplicationMessageBuilder()
                    .WithTopic(message.Topic)
                    .WithPayload(message.Payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                var result = await client.PublishAsync(publish, cancellationToken).ConfigureAwait(false);
                if (result.ReasonCode != MqttClientPublishReasonCode.Success)
                {
                    // NoMatchingSubscribers: the session that should hold the backlog is missing, so nothing was queued.
                    Interlocked.CompareExchange(ref failure, $"the broker answered {result.ReasonCode} to a publish on {message.Topic}", null);
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Interlocked.CompareExchange(ref failure, $"publish on {message.Topic} failed: {ex.Message}", null);
            }
            finally
            {
                slots.Release();
            }
        }
    }
}
