using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Topics;

/// <summary>A topic of wire contract v1: <c>pontive/v1/{site}/{device}/{channel}</c>.</summary>
public sealed record DeviceTopic(string Site, string Device, DeviceChannel Channel)
{
    public const string Root = "pontive";
    public const string Version = "v1";
    public const string Prefix = Root + "/" + Version + "/";

    /// <summary>Builds a topic, refusing ids that break the contract so a device never publishes a topic the cloud rejects.</summary>
    public static string Build(string site, string device, DeviceChannel channel)
    {
        var problem = Identifier.Explain(site, "site") ?? Identifier.Explain(device, "device");
        if (problem is not null)
        {
            throw new ArgumentException(problem);
        }

        return $"{Prefix}{site}/{device}/{channel.WireName()}";
    }

    public override string ToString() => $"{Prefix}{Site}/{Device}/{Channel.WireName()}";

    /// <summary>Subscription filter for one channel of every device: <c>pontive/v1/+/+/{channel}</c>.</summary>
    public static string FilterForAllDevices(DeviceChannel channel) => $"{Prefix}+/+/{channel.WireName()}";

    public static bool TryParse(string? topic, out DeviceTopic parsed, out Rejection? rejection)
    {
        parsed = null!;
        rejection = Check(topic, out var result);
        if (rejection is null)
        {
            parsed = result!;
            return true;
        }

        return false;
    }

    private static Rejection? Check(string? topic, out DeviceTopic? parsed)
    {
        parsed = null;
        if (string.IsNullOrEmpty(topic))
        {
            return Rejection.Of(RejectionCode.InvalidTopic, "the topic is empty");
        }

        var levels = topic.Split('/');
        if (levels.Length != 5 || levels[0] != Root)
        {
            return Rejection.Of(RejectionCode.InvalidTopic,
                $"topic '{Identifier.Truncate(topic)}' is not of the form pontive/v1/{{site}}/{{device}}/{{channel}}");
        }

        if (levels[1] != Version)
        {
            return Rejection.Of(RejectionCode.UnsupportedVersion,
                $"topic version '{Identifier.Truncate(levels[1])}' is not supported; this side speaks {Version}");
        }

        var problem = Identifier.Explain(levels[2], "site") ?? Identifier.Explain(levels[3], "device");
        if (problem is not null)
        {
            return Rejection.Of(RejectionCode.InvalidTopic, problem);
        }

        if (!DeviceChannels.TryParse(levels[4], out var channel))
        {
            return Rejection.Of(RejectionCode.InvalidTopic,
                $"channel '{Identifier.Truncate(levels[4])}' is not one of telemetry, deposit, status, correction, config, ack");
        }

        parsed = new DeviceTopic(levels[2], levels[3], channel);
        return null;
    }
}
