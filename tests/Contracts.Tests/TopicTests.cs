using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Contracts.Tests;

/// <summary>Topics: <c>pontive/v1/{site}/{device}/{channel}</c>, ids matching <c>^[a-z0-9][a-z0-9-]{0,31}$</c>.</summary>
public sealed class TopicTests
{
    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit", "bank-sungai-jawi", "scale-01", DeviceChannel.Deposit)]
    [InlineData("pontive/v1/park-alun-kapuas/env-node-01/telemetry", "park-alun-kapuas", "env-node-01", DeviceChannel.Telemetry)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/status", "bank-sungai-jawi", "scale-01", DeviceChannel.Status)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/config", "bank-sungai-jawi", "scale-01", DeviceChannel.Config)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/ack", "bank-sungai-jawi", "scale-01", DeviceChannel.Ack)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/correction", "bank-sungai-jawi", "scale-01", DeviceChannel.Correction)]
    [InlineData("pontive/v1/0/9/telemetry", "0", "9", DeviceChannel.Telemetry)]
    [InlineData("pontive/v1/a--/b-/telemetry", "a--", "b-", DeviceChannel.Telemetry)]
    public void Parses_a_topic_of_the_contract_into_site_device_and_channel(string topic, string site, string device, DeviceChannel channel)
    {
        Assert.True(DeviceTopic.TryParse(topic, out var parsed, out var rejection), rejection?.ToString());
        Assert.Null(rejection);
        Assert.Equal(new DeviceTopic(site, device, channel), parsed);
        Assert.Equal(topic, parsed.ToString());
    }

    [Fact]
    public void Accepts_ids_of_exactly_32_characters()
    {
        var id = new string('a', 32);
        Assert.True(DeviceTopic.TryParse($"pontive/v1/{id}/{id}/status", out var parsed, out _));
        Assert.Equal(id, parsed.Site);
        Assert.Equal(id, parsed.Device);
    }

    [Theory]
    [InlineData("pontive/v1/Bank-sungai-jawi/scale-01/deposit", "site")]
    [InlineData("pontive/v1/bank-sungai-jawi/Scale-01/deposit", "device")]
    [InlineData("pontive/v1/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/scale-01/deposit", "site")]
    [InlineData("pontive/v1/bank-sungai-jawi/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/deposit", "device")]
    [InlineData("pontive/v1/-bank/scale-01/deposit", "site")]
    [InlineData("pontive/v1/bank/-scale/deposit", "device")]
    [InlineData("pontive/v1//scale-01/deposit", "site")]
    [InlineData("pontive/v1/bank-sungai-jawi//deposit", "device")]
    [InlineData("pontive/v1/bank_sungai/scale-01/deposit", "site")]
    [InlineData("pontive/v1/bank sungai/scale-01/deposit", "site")]
    [InlineData("pontive/v1/+/scale-01/deposit", "site")]
    [InlineData("pontive/v1/bank-sungai-jawi/#/deposit", "device")]
    [InlineData("pontive/v1/bänk/scale-01/deposit", "site")]
    public void Rejects_a_topic_whose_site_or_device_breaks_the_id_rule(string topic, string offending)
    {
        var rejection = Refused(topic);
        Assert.Equal(RejectionCode.InvalidTopic, rejection.Code);
        Assert.StartsWith(offending, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposits", "channel 'deposits'")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/Deposit", "channel 'Deposit'")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/", "channel ''")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/events", "channel 'events'")]
    public void Rejects_a_topic_with_an_unknown_channel(string topic, string reasonNames)
    {
        var rejection = Refused(topic);
        Assert.Equal(RejectionCode.InvalidTopic, rejection.Code);
        Assert.Contains(reasonNames, rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pontiv/v1/bank-sungai-jawi/scale-01/deposit")]
    [InlineData("Pontive/v1/bank-sungai-jawi/scale-01/deposit")]
    [InlineData("/pontive/v1/bank-sungai-jawi/scale-01/deposit")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit/")]
    [InlineData("pontive/v1/bank-sungai-jawi/deposit")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit/extra")]
    [InlineData("pontive/v1")]
    [InlineData("pontive")]
    [InlineData("bank-sungai-jawi/scale-01/deposit")]
    public void Rejects_a_topic_with_the_wrong_prefix_or_number_of_levels(string topic)
    {
        var rejection = Refused(topic);
        Assert.Equal(RejectionCode.InvalidTopic, rejection.Code);
        Assert.Contains("pontive/v1/{site}/{device}/{channel}", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void Rejects_an_empty_topic(string? topic)
    {
        var rejection = Refused(topic);
        Assert.Equal(RejectionCode.InvalidTopic, rejection.Code);
        Assert.Contains("empty", rejection.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pontive/v2/bank-sungai-jawi/scale-01/deposit", "'v2'")]
    [InlineData("pontive/V1/bank-sungai-jawi/scale-01/deposit", "'V1'")]
    public void Rejects_a_topic_of_another_contract_version_as_unsupported(string topic, string reasonNames)
    {
        var rejection = Refused(topic);
        Assert.Equal(RejectionCode.UnsupportedVersion, rejection.Code);
        Assert.Contains(reasonNames, rejection.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Builds_the_topic_a_device_publishes_on()
    {
        Assert.Equal(ContractExamples.DepositTopic, DeviceTopic.Build(ContractExamples.Site, ContractExamples.Device, DeviceChannel.Deposit));
    }

    [Theory]
    [InlineData("Bank", "scale-01", "site")]
    [InlineData("bank", "", "device")]
    [InlineData("-bank", "scale-01", "site")]
    [InlineData("bank", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "device")]
    public void Refuses_to_build_a_topic_the_cloud_would_reject(string site, string device, string offending)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceTopic.Build(site, device, DeviceChannel.Telemetry));
        Assert.StartsWith(offending, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DeviceChannel.Telemetry, "pontive/v1/+/+/telemetry")]
    [InlineData(DeviceChannel.Deposit, "pontive/v1/+/+/deposit")]
    [InlineData(DeviceChannel.Status, "pontive/v1/+/+/status")]
    public void Subscribes_to_one_channel_of_every_device(DeviceChannel channel, string filter)
    {
        Assert.Equal(filter, DeviceTopic.FilterForAllDevices(channel));
    }

    [Fact]
    public void Telemetry_deposit_status_and_correction_travel_from_device_config_and_ack_to_device()
    {
        Assert.Equal([DeviceChannel.Telemetry, DeviceChannel.Deposit, DeviceChannel.Status, DeviceChannel.Correction], DeviceChannels.FromDevice);
        Assert.Equal([DeviceChannel.Config, DeviceChannel.Ack], DeviceChannels.ToDevice);
        Assert.All(DeviceChannels.FromDevice, c => Assert.True(c.IsFromDevice()));
        Assert.All(DeviceChannels.ToDevice, c => Assert.False(c.IsFromDevice()));
    }

    [Theory]
    [InlineData("bank-sungai-jawi", true)]
    [InlineData("park-alun-kapuas", true)]
    [InlineData("scale-01", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("A", false)]
    [InlineData("-a", false)]
    [InlineData("a.b", false)]
    [InlineData("a\n", false)]
    public void Identifier_follows_the_contract_pattern(string? value, bool valid)
    {
        Assert.Equal(valid, Identifier.IsValid(value));
    }

    private static Rejection Refused(string? topic)
    {
        Assert.False(DeviceTopic.TryParse(topic, out _, out var rejection), $"'{topic}' was accepted");
        Assert.NotNull(rejection);
        return rejection;
    }
}
