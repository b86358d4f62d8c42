using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// A publish a broker refused because it was outside its sender's ACL, from either broker: the embedded broker's
/// publish hook (<see cref="EmbeddedBrokerGuard"/>) or Mosquitto's guard plugin (<see cref="MosquittoRefusalReport"/>).
/// Both name the same reason for the same publish, count it and keep it as a dead letter under the sender's account.
/// </summary>
public sealed class RefusedPublishes(RejectionKeeper rejections, DeviceRateLimiter rateLimiter, IngestStatistics statistics)
{
    /// <summary><c>spoofing</c> when a device's topic names another device, <c>invalid_topic</c> for anything else.</summary>
    public static Rejection Reason(string username, string topic)
    {
        ArgumentNullException.ThrowIfNull(username);
        ArgumentNullException.ThrowIfNull(topic);
        var named = BrokerIdentity.TryParse(username, out var identity) && identity.IsDevice
            && DeviceTopic.TryParse(topic, out var parsed, out _)
            && (parsed.Site != identity.Site || parsed.Device != identity.Device) ? parsed : null;
        return named is not null
            ? Rejection.Of(RejectionCode.Spoofing, $"{username} published as {named.Site}/{named.Device}; a device may only speak for itself")
            : Rejection.Of(RejectionCode.InvalidTopic, $"{username} may not publish on '{topic}'");
    }

    /// <summary>
    /// Counts the refused publish and keeps it as a dead letter; the returned message is settled once it is kept
    /// (or at once when only counted). A device flooding refused publishes is held to its own rate, by its account,
    /// not by the topic it named: past it, the publishes are still counted but no longer written to the store.
    /// </summary>
    public InboundMessage Keep(string username, string topic, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(rejection);
        // No topic on the interpreted message: the sender is the account, not the device the topic names (logs and
        // counters must blame the right one).
        var inbound = new InboundMessage(topic, payload, receivedAt, username);
        var sender = BrokerIdentity.TryParse(username, out var identity) && identity.IsDevice ? $"{identity.Site}/{identity.Device}" : username;
        if (!rateLimiter.TryAcquire(sender))
        {
            statistics.MessageRejected(rejection.Code);
            inbound.Settle(IngestOutcome.Refused(rejection));
            return inbound;
        }

        rejections.Refuse(new InterpretedMessage(inbound, null, [], rejection), rejection);
        return inbound;
    }

    /// <summary>
    /// Keeps what Mosquitto's guard plugin reported as refused (<see cref="MosquittoRefusalReport"/>) as if the
    /// embedded broker had refused it. A report that cannot be read is kept itself, as <c>invalid_json</c>.
    /// </summary>
    public InboundMessage KeepReported(ReadOnlyMemory<byte> report, DateTimeOffset receivedAt)
    {
        if (!MosquittoRefusalReport.TryParse(report.Span, out var refused, out var problem))
        {
            return Keep("mosquitto", MosquittoRefusalReport.ReportTopic, report, receivedAt, Rejection.Of(RejectionCode.InvalidJson, problem));
        }

        return Keep(refused.Username, refused.Topic, refused.Payload, receivedAt, Reason(refused.Username, refused.Topic));
    }
}
