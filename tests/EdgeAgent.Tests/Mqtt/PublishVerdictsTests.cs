using MQTTnet;
using Pontive.Iot.EdgeAgent.Mqtt;

namespace Pontive.Iot.EdgeAgent.Tests.Mqtt;

public sealed class PublishVerdictsTests
{
    [Theory]
    [InlineData(MqttClientPublishReasonCode.Success, PublishVerdict.Delivered)]
    [InlineData(MqttClientPublishReasonCode.NoMatchingSubscribers, PublishVerdict.Delivered)]
    [InlineData(MqttClientPublishReasonCode.PayloadFormatInvalid, PublishVerdict.Refused)]
    [InlineData(MqttClientPublishReasonCode.TopicNameInvalid, PublishVerdict.Refused)]
    [InlineData(MqttClientPublishReasonCode.UnspecifiedError, PublishVerdict.RetryLater)]
    [InlineData(MqttClientPublishReasonCode.ImplementationSpecificError, PublishVerdict.RetryLater)]
    [InlineData(MqttClientPublishReasonCode.NotAuthorized, PublishVerdict.RetryLater)]
    [InlineData(MqttClientPublishReasonCode.PacketIdentifierInUse, PublishVerdict.RetryLater)]
    [InlineData(MqttClientPublishReasonCode.QuotaExceeded, PublishVerdict.RetryLater)]
    public void A_PUBACK_reason_code_decides_what_the_outbox_does(MqttClientPublishReasonCode code, PublishVerdict expected)
    {
        var result = new MqttClientPublishResult(packetIdentifier: 1, code, reasonString: string.Empty, userProperties: []);

        Assert.Equal(expected, PublishVerdicts.Of(result));
    }

    [Fact]
    public void Every_reason_code_MQTTnet_knows_has_a_verdict_and_only_the_two_permanent_ones_are_refusals()
    {
        var refused = Enum.GetValues<MqttClientPublishReasonCode>()
            .Where(code => PublishVerdicts.Of(new MqttClientPublishResult(1, code, string.Empty, [])) == PublishVerdict.Refused);

        Assert.Equal([MqttClientPublishReasonCode.TopicNameInvalid, MqttClientPublishReasonCode.PayloadFormatInvalid], refused.Order());
    }
}
