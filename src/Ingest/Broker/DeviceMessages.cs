using MQTTnet;
using MQTTnet.Protocol;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>The shape of every message Ingest sends to a device: JSON, QoS 1.</summary>
internal static class DeviceMessages
{
    public static MqttApplicationMessage Build(string topic, byte[] payload, bool retain) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
}
