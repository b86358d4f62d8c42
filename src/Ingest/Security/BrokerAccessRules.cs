using Pontive.Iot.Contracts.Topics;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// The topic ACL of every account, in one place: the embedded broker checks publishes and subscriptions against
/// these rules, and Mosquitto's acl_file is written from them. A device publishes only on its own device-to-cloud
/// channels and subscribes only to its own config and ack; Ingest reads every device's device-to-cloud channels
/// and writes their config and ack, and reads the reports of Mosquitto's guard plugin on the publishes it refused
/// (<see cref="MosquittoRefusalReport"/>). Nobody else, and nobody may subscribe to <c>#</c>.
/// </summary>
public static class BrokerAccessRules
{
    public static IReadOnlyList<TopicRule> For(BrokerIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var (site, device) = identity.IsDevice ? (identity.Site, identity.Device) : ("+", "+");
        var fromDevice = DeviceChannels.FromDevice.Select(c => $"{DeviceTopic.Prefix}{site}/{device}/{c.WireName()}");
        var toDevice = DeviceChannels.ToDevice.Select(c => $"{DeviceTopic.Prefix}{site}/{device}/{c.WireName()}");
        return identity.IsDevice
            ? [.. fromDevice.Select(t => new TopicRule(TopicRight.Write, t)), .. toDevice.Select(t => new TopicRule(TopicRight.Read, t))]
            : [.. fromDevice.Select(t => new TopicRule(TopicRight.Read, t)), .. toDevice.Select(t => new TopicRule(TopicRight.Write, t)),
                new TopicRule(TopicRight.Read, MosquittoRefusalReport.ReportTopic)];
    }

    public static bool MayPublish(BrokerIdentity identity, string topic) =>
        For(identity).Any(rule => rule.Right == TopicRight.Write && rule.Matches(topic));

    public static bool MaySubscribe(BrokerIdentity identity, string filter) =>
        For(identity).Any(rule => rule.Right == TopicRight.Read && rule.CoversFilter(filter));
}
