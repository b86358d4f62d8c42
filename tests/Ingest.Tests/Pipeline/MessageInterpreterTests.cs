using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Pipeline;

/// <summary>Topic and payload to points, or to the reason a technician reads in the dead letters.</summary>
public sealed class MessageInterpreterTests
{
    [Fact]
    public void A_valid_telemetry_message_becomes_its_points_with_site_and_device_from_the_topic()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message("pontive/v1/park-sungai-raya/node-07/telemetry", WirePayloads.Telemetry));

        Assert.True(message.IsValid);
        Assert.Equal(new DeviceTopic("park-sungai-raya", "node-07", DeviceChannel.Telemetry), message.Topic);
        var lines = message.Points.Select(p => p.ToLineProtocol()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.StartsWith("environment,device=node-07,sensor=env-1,site=park-sungai-raya ", lines[0], StringComparison.Ordinal);

        // One telemetry_batch point per message keeps its seq, so analysts can see messages that never arrived.
        Assert.StartsWith("telemetry_batch,device=node-07,sensor=env-1,site=park-sungai-raya samples=1i,seq=1042i ", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_valid_deposit_becomes_one_deposit_point_and_keeps_its_id_for_the_acknowledgement()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.DepositTopic, WirePayloads.Deposit));

        Assert.True(message.IsValid);
        Assert.StartsWith("deposit,category=plastic-pet,device=scale-01,site=bank-sungai-jawi ", Assert.Single(message.Points).ToLineProtocol(), StringComparison.Ordinal);
        Assert.Equal("01JDX3W6Q8Z2M4N5P6R7S8T9V0", message.AckId);
    }

    [Fact]
    public void A_valid_correction_becomes_one_deposit_void_point_and_keeps_its_own_id_for_the_acknowledgement()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.CorrectionTopic, WirePayloads.Correction));

        Assert.True(message.IsValid);
        Assert.StartsWith("deposit_void,category=plastic-pet,device=scale-01,site=bank-sungai-jawi ", Assert.Single(message.Points).ToLineProtocol(), StringComparison.Ordinal);
        Assert.Equal("01JDX4A1B2C3D4E5F6G7H8J9K0", message.AckId);
    }

    [Fact]
    public void A_valid_status_becomes_one_device_status_point()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.StatusTopic, WirePayloads.Status));

        Assert.True(message.IsValid);
        Assert.StartsWith("device_status,device=scale-01,site=bank-sungai-jawi ", Assert.Single(message.Points).ToLineProtocol(), StringComparison.Ordinal);
        Assert.Null(message.AckId);
    }

    [Fact]
    public void A_payload_is_judged_by_the_channel_of_its_topic()
    {
        // The contract's deposit is not a valid status: published on the status channel it is refused.
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.StatusTopic, WirePayloads.Deposit));

        Assert.False(message.IsValid);
        Assert.Empty(message.Points);
        Assert.NotNull(message.Topic);
    }

    [Theory]
    [InlineData("config")]
    [InlineData("ack")]
    public void A_message_on_a_cloud_to_device_channel_is_refused_as_an_invalid_topic(string channel)
    {
        var message = MessageInterpreter.Interpret(Inbound.Message($"pontive/v1/bank-sungai-jawi/scale-01/{channel}", WirePayloads.Status));

        Assert.False(message.IsValid);
        Assert.Empty(message.Points);
        Assert.Equal(RejectionCode.InvalidTopic, message.Rejection!.Code);
        Assert.Contains("cloud-to-device", message.Rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01")]
    [InlineData("pontive/v1/Bank-Sungai-Jawi/scale-01/telemetry")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/weather")]
    [InlineData("other/v1/bank-sungai-jawi/scale-01/telemetry")]
    public void A_malformed_topic_is_refused_with_no_topic_and_no_points(string topic)
    {
        var message = MessageInterpreter.Interpret(Inbound.Message(topic, WirePayloads.Telemetry));

        Assert.False(message.IsValid);
        Assert.Null(message.Topic);
        Assert.Empty(message.Points);
        Assert.Equal(RejectionCode.InvalidTopic, message.Rejection!.Code);
    }

    [Fact]
    public void A_topic_of_another_contract_version_is_refused_as_unsupported()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message("pontive/v2/bank-sungai-jawi/scale-01/telemetry", WirePayloads.Telemetry));

        Assert.Equal(RejectionCode.UnsupportedVersion, message.Rejection!.Code);
    }

    [Fact]
    public void Bad_json_is_refused_with_the_decoders_reason()
    {
        var message = MessageInterpreter.Interpret(Inbound.Message(WirePayloads.TelemetryTopic, "{\"v\":1,\"seq\":"));

        Assert.Equal(RejectionCode.InvalidJson, message.Rejection!.Code);
        Assert.Empty(message.Points);
    }

    [Fact]
    public void The_inbound_message_travels_with_its_interpretation_so_it_can_be_settled()
    {
        var inbound = Inbound.Message(WirePayloads.TelemetryTopic, WirePayloads.Telemetry);

        Assert.Same(inbound, MessageInterpreter.Interpret(inbound).Inbound);
    }
}
