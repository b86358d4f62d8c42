using MQTTnet;

namespace Pontive.Iot.EdgeAgent.Mqtt;

/// <summary>What a PUBACK means for the outbox.</summary>
public enum PublishVerdict
{
    /// <summary>The city has it: remove it from the outbox.</summary>
    Delivered,

    /// <summary>The city refused it for good and kept it for inspection: remove it and count it; resending cannot help.</summary>
    Refused,

    /// <summary>Not stored this time (the city's storage is down, quota, …): keep it and try again later.</summary>
    RetryLater,
}

public static class PublishVerdicts
{
    public static PublishVerdict Of(MqttClientPublishResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.ReasonCode switch
        {
            _ when result.IsSuccess => PublishVerdict.Delivered,
            MqttClientPublishReasonCode.PayloadFormatInvalid or MqttClientPublishReasonCode.TopicNameInvalid => PublishVerdict.Refused,
            _ => PublishVerdict.RetryLater,
        };
    }
}
