using Microsoft.Extensions.Configuration;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Tests.Configuration;

/// <summary>The settings checked at start besides the sensor list; each message names the setting.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("Bank-Sungai-Jawi")]
    [InlineData("bank sungai jawi")]
    [InlineData("-bank")]
    [InlineData("bank-sungai-jawi-kecamatan-pontianak-utara")]
    [InlineData("")]
    public void A_site_id_that_cannot_be_a_topic_level_is_refused_naming_Agent_Site(string site)
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { Site = site, Device = "scale-01" });

        Assert.True(result.Failed);
        Assert.Contains("Site", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("Device", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_site_and_device_pass()
    {
        Assert.True(new AgentOptionsValidator().Validate(null, new AgentOptions { Site = "bank-sungai-jawi", Device = "scale-01" }).Succeeded);
    }

    [Fact]
    public void A_bad_device_id_is_refused_naming_Agent_Device()
    {
        var result = new AgentOptionsValidator().Validate(null, new AgentOptions { Site = "bank-sungai-jawi", Device = "Scale 01" });

        Assert.Contains("Agent:Device", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void An_outbox_cap_below_64_KiB_is_refused()
    {
        var result = new OutboxOptionsValidator().Validate(null, new OutboxOptions { MaxTelemetryBytes = 1000 });

        Assert.Contains(nameof(OutboxOptions.MaxTelemetryBytes), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_settings_pass()
    {
        Assert.True(new OutboxOptionsValidator().Validate(null, new OutboxOptions()).Succeeded);
        Assert.True(new MqttOptionsValidator().Validate(null, new MqttOptions()).Succeeded);
        Assert.True(new ClockOptionsValidator().Validate(null, new ClockOptions()).Succeeded);
    }

    [Theory]
    [InlineData("mqtt.example.go.id", false, false, false)]
    [InlineData("192.168.1.10", false, false, false)]
    [InlineData("mqtt.example.go.id", true, false, true)]
    [InlineData("mqtt.example.go.id", false, true, true)]
    [InlineData("127.0.0.1", false, false, true)]
    [InlineData("localhost", false, false, true)]
    [InlineData("::1", false, false, true)]
    public void The_device_password_never_travels_in_clear_beyond_this_machine_unless_allowed(string host, bool useTls, bool allowPlainText, bool accepted)
    {
        var options = new MqttOptions { Host = host, UseTls = useTls, AllowPlainTextPassword = allowPlainText, Username = "bank-sungai-jawi.scale-01", Password = "secret-secret" };

        var result = new MqttOptionsValidator().Validate(null, options);

        Assert.Equal(accepted, result.Succeeded);
        if (!accepted)
        {
            Assert.Contains($"password would travel in clear to {host}:1883", result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("00:00:30")] // the page's warning alone is a minute
    [InlineData("1.00:00:00")] // a day: no longer a guard against a kiosk left alone
    public void A_kiosk_idle_timeout_out_of_range_is_refused(string idleTimeout)
    {
        var result = new KioskOptionsValidator().Validate(null, new KioskOptions { IdleTimeout = TimeSpan.Parse(idleTimeout, System.Globalization.CultureInfo.InvariantCulture) });

        Assert.Contains(nameof(KioskOptions.IdleTimeout), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kiosk_defaults_pass_and_sign_an_idle_operator_out_after_ten_minutes()
    {
        Assert.True(new KioskOptionsValidator().Validate(null, new KioskOptions()).Succeeded);
        Assert.Equal(TimeSpan.FromMinutes(10), new KioskOptions().IdleTimeout);
    }

    [Fact]
    public void A_broker_port_out_of_range_is_refused()
    {
        Assert.Contains(nameof(MqttOptions.Port), new MqttOptionsValidator().Validate(null, new MqttOptions { Port = 70000 }).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duration_that_is_not_a_TimeSpan_fails_binding_with_the_settings_path()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Clock:UnsyncedHold"] = "10 minutes" })
            .Build();

        var failure = Assert.Throws<InvalidOperationException>(() => configuration.GetSection(ClockOptions.Section).Get<ClockOptions>());

        Assert.Contains("'Clock:UnsyncedHold'", failure.Message, StringComparison.Ordinal);
        Assert.Equal("Microsoft.Extensions.Configuration.Binder", failure.Source);
    }
}
