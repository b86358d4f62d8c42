using System.Buffers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>
/// Takes device messages inside the embedded broker's publish interception. MQTTnet sends the PUBACK only after
/// this handler returns, so the handler waits until the message is stored (or kept as a dead letter): a device
/// deletes a message from its outbox only when the city really has it. When storage is down, an MQTT 5 device
/// gets a failure reason code and keeps the message; an MQTT 3.1.1 device, which cannot be told, is disconnected
/// before its PUBACK, so it sends the message again when it reconnects.
/// </summary>
public sealed class EmbeddedBrokerIngress(
    IngestBacklog queue,
    TimeProvider time,
    IOptions<BrokerOptions> options,
    ILogger<EmbeddedBrokerIngress> logger)
{
    private const string ProtocolVersionItem = "pontive.protocol-version";
    private readonly TimeSpan _storeTimeout = options.Value.StoreTimeout;

    internal static Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        if (string.IsNullOrEmpty(e.ClientId))
        {
            // MQTT 5 lets a client without an id ask the broker for one (mosquitto_pub does); MQTTnet refuses unless we
            // assign it. (MQTTnet applies an assigned id to MQTT 5 clients only: an MQTT 3.1.1 client still needs an id.)
            e.AssignedClientIdentifier = $"anonymous-{Guid.NewGuid():N}";
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Records the protocol version of each connection in the session it uses. Not at validation: a device that
    /// resumes a persistent session keeps that session's items, so a version recorded there would be the one of the
    /// connection that created the session (an MQTT 3.1.1 reconnect would pass for MQTT 5 and get a PUBACK on a timeout).
    /// </summary>
    internal static Task OnClientConnectedAsync(ClientConnectedEventArgs e)
    {
        e.SessionItems[ProtocolVersionItem] = e.ProtocolVersion;
        return Task.CompletedTask;
    }

    internal async Task OnInterceptingPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!ShouldIngest(topic))
        {
            return;
        }

        var message = new InboundMessage(topic, e.ApplicationMessage.Payload.ToArray(), time.GetUtcNow(), e.ClientId);
        // The timeout runs on the injected clock, so tests can pass it without waiting.
        using var timeout = new CancellationTokenSource(_storeTimeout, time);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(e.CancellationToken, timeout.Token);
        IngestOutcome outcome;
        try
        {
            await queue.EnqueueAsync(message, deadline.Token).ConfigureAwait(false);
            outcome = await message.Completion.WaitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Log.StoreTimedOut(logger, topic, _storeTimeout);
            Refuse(e, MqttPubAckReasonCode.ImplementationSpecificError, "storage is not available; keep the message and send it again later");
            e.CloseConnection = !SupportsReasonCodes(e);
            return;
        }

        if (outcome.Rejection is { } rejection)
        {
            // The message is kept as a dead letter; sending it again would not change the verdict, except for a device
            // over its rate, which may send it again later (and is told so: quota exceeded).
            var code = rejection.Code switch
            {
                RejectionCode.InvalidTopic => MqttPubAckReasonCode.TopicNameInvalid,
                RejectionCode.RateLimited => MqttPubAckReasonCode.QuotaExceeded,
                _ => MqttPubAckReasonCode.PayloadFormatInvalid,
            };
            Refuse(e, code, rejection.ToString());
        }
    }

    /// <summary>
    /// Everything under <c>pontive/</c> is ingested (a malformed topic is refused and kept like bad payloads are),
    /// except the cloud-to-device channels; other topics pass through the broker untouched.
    /// </summary>
    private static bool ShouldIngest(string? topic) =>
        topic is not null
        && topic.StartsWith(DeviceTopic.Root + "/", StringComparison.Ordinal)
        && (!DeviceTopic.TryParse(topic, out var parsed, out _) || parsed.Channel.IsFromDevice());

    private static void Refuse(InterceptingPublishEventArgs e, MqttPubAckReasonCode code, string reason)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = code;
        e.Response.ReasonString = reason.Length <= 512 ? reason : reason[..512];
    }

    private static bool SupportsReasonCodes(InterceptingPublishEventArgs e) =>
        e.SessionItems[ProtocolVersionItem] is MqttProtocolVersion.V500;
}
