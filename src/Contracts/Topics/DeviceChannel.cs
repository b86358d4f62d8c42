namespace Pontive.Iot.Contracts.Topics;

/// <summary>The last level of a topic: what a message is about and which way it travels.</summary>
public enum DeviceChannel
{
    /// <summary>Device to cloud: a batch of sensor samples.</summary>
    Telemetry,

    /// <summary>Device to cloud: one weighed deposit at a waste bank.</summary>
    Deposit,

    /// <summary>Device to cloud, retained: health, outbox figures; also the last will.</summary>
    Status,

    /// <summary>Device to cloud: a deposit voided by the operator, with the reason. The deposit itself is never changed.</summary>
    Correction,

    /// <summary>Cloud to device, retained: price table and sampling intervals.</summary>
    Config,

    /// <summary>Cloud to device: deposit ids that are now stored.</summary>
    Ack,
}

/// <summary>The wire names of the channels and which way each one travels.</summary>
public static class DeviceChannels
{
    /// <summary>The channels a device publishes on, the ones the ingestor subscribes to.</summary>
    public static IReadOnlyList<DeviceChannel> FromDevice { get; } =
        [DeviceChannel.Telemetry, DeviceChannel.Deposit, DeviceChannel.Status, DeviceChannel.Correction];

    /// <summary>The channels the cloud publishes on, the ones a device subscribes to.</summary>
    public static IReadOnlyList<DeviceChannel> ToDevice { get; } = [DeviceChannel.Config, DeviceChannel.Ack];

    public static string WireName(this DeviceChannel channel) => channel switch
    {
        DeviceChannel.Telemetry => "telemetry",
        DeviceChannel.Deposit => "deposit",
        DeviceChannel.Status => "status",
        DeviceChannel.Correction => "correction",
        DeviceChannel.Config => "config",
        DeviceChannel.Ack => "ack",
        _ => throw new ArgumentOutOfRangeException(nameof(channel), channel, "Not a channel of wire contract v1."),
    };

    public static bool TryParse(string wireName, out DeviceChannel channel)
    {
        switch (wireName)
        {
            case "telemetry": channel = DeviceChannel.Telemetry; return true;
            case "deposit": channel = DeviceChannel.Deposit; return true;
            case "status": channel = DeviceChannel.Status; return true;
            case "correction": channel = DeviceChannel.Correction; return true;
            case "config": channel = DeviceChannel.Config; return true;
            case "ack": channel = DeviceChannel.Ack; return true;
            default: channel = default; return false;
        }
    }

    public static bool IsFromDevice(this DeviceChannel channel) =>
        channel is DeviceChannel.Telemetry or DeviceChannel.Deposit or DeviceChannel.Status or DeviceChannel.Correction;
}
