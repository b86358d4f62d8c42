using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>A device speaks only for itself and hears only its own config and acks; Ingest reads devices and writes to them; nobody reads '#'.</summary>
public sealed class BrokerAccessRulesTests
{
    private static readonly BrokerIdentity Scale = BrokerIdentity.ForDevice("bank-sungai-jawi", "scale-01");

    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/telemetry")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/status")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/correction")]
    public void A_device_may_publish_on_its_own_device_to_cloud_channels(string topic)
    {
        Assert.True(BrokerAccessRules.MayPublish(Scale, topic));
    }

    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-02/deposit")]
    [InlineData("pontive/v1/bank-tanjung-hulu/scale-01/deposit")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/config")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/ack")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit/extra")]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01")]
    [InlineData("pontive/v1/bank-sungai-jawi/+/deposit")]
    [InlineData("other/topic")]
    [InlineData("")]
    public void A_device_may_not_publish_for_another_device_nor_on_what_the_city_sends_it(string topic)
    {
        Assert.False(BrokerAccessRules.MayPublish(Scale, topic));
    }

    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/config", true)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/ack", true)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-02/config", false)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/+", false)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/#", false)]
    [InlineData("pontive/v1/+/+/config", false)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/telemetry", false)]
    [InlineData("#", false)]
    [InlineData("$SYS/#", false)]
    public void A_device_may_subscribe_only_to_its_own_config_and_ack(string filter, bool allowed)
    {
        Assert.Equal(allowed, BrokerAccessRules.MaySubscribe(Scale, filter));
    }

    [Theory]
    [InlineData("pontive/v1/+/+/telemetry", true)]
    [InlineData("pontive/v1/+/+/deposit", true)]
    [InlineData("pontive/v1/+/+/status", true)]
    [InlineData("pontive/v1/+/+/correction", true)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit", true)]
    [InlineData("pontive/v1/+/+/config", false)]
    [InlineData("pontive/v1/#", false)]
    [InlineData("#", false)]
    public void Ingest_reads_every_device_but_not_everything(string filter, bool allowed)
    {
        Assert.Equal(allowed, BrokerAccessRules.MaySubscribe(BrokerIdentity.Ingest, filter));
    }

    [Theory]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/config", true)]
    [InlineData("pontive/v1/park-alun-kapuas/sensors-01/ack", true)]
    [InlineData("pontive/v1/bank-sungai-jawi/scale-01/deposit", false)]
    public void Ingest_writes_config_and_acks_to_any_device_and_nothing_in_their_name(string topic, bool allowed)
    {
        Assert.Equal(allowed, BrokerAccessRules.MayPublish(BrokerIdentity.Ingest, topic));
    }

    [Theory]
    [InlineData("bank-sungai-jawi.scale-01", "bank-sungai-jawi", "scale-01")]
    [InlineData("park-alun-kapuas.sensors-01", "park-alun-kapuas", "sensors-01")]
    public void A_username_names_the_site_and_device(string username, string site, string device)
    {
        Assert.True(BrokerIdentity.TryParse(username, out var identity));
        Assert.Equal((site, device), (identity.Site, identity.Device));
        Assert.Equal(username, BrokerIdentity.ForDevice(site, device).Username);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("scale-01")]
    [InlineData("Bank.scale-01")]
    [InlineData("bank.scale.01")]
    [InlineData("bank/x.scale-01")]
    [InlineData(".scale-01")]
    public void A_username_that_is_no_identity_is_not_taken_for_one(string? username)
    {
        Assert.False(BrokerIdentity.TryParse(username, out _));
    }
}
