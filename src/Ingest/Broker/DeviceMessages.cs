using MQTTnet;
using MQTTnet.Protocol;

namespace Pontive.Iot.Ingest.Broker;

/// <summary>The shape of every message Ingest sends to a device: JSON, QoS 1, not retained.</summary>
internal static class DeviceMessages
{
    public static MqttApplicationMessage Build(string topic, byte[] payload) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithContentType("application/json")
            .Build();
}
