using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Security;

/// <summary>With security on, a setting that would leave the broker open stops Ingest at start and says what to change.</summary>
public sealed class BrokerSecuritySettingsTests
{
    [Fact]
    public async Task Security_off_keeps_the_demo_settings_valid_even_on_every_interface()
    {
        Assert.Empty(await StartupFailures(("Broker:BindAddress", "0.0.0.0")));
    }

    [Fact]
    public async Task With_security_on_plain_MQTT_beyond_loopback_is_refused_with_the_fix()
    {
        var failures = await StartupFailures(("Security:Enabled", "true"), ("Broker:BindAddress", "0.0.0.0"));

        var failure = Assert.Single(failures);
        Assert.Contains("Broker:BindAddress is 0.0.0.0", failure, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", failure, StringComparison.Ordinal);
        Assert.Contains("Broker:TlsCertificate", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    public async Task With_security_on_plain_MQTT_on_loopback_is_fine(string address)
    {
        Assert.Empty(await StartupFailures(("Security:Enabled", "true"), ("Broker:BindAddress", address)));
    }

    [Fact]
    public async Task A_certificate_without_its_key_or_a_missing_file_is_named()
    {
        var onlyCertificate = await StartupFailures(("Broker:TlsCertificate", "/nowhere/server.crt"));
        var missing = await StartupFailures(("Broker:TlsCertificate", "/nowhere/server.crt"), ("Broker:TlsPrivateKey", "/nowhere/server.key"));

        Assert.Contains(onlyCertificate, f => f.Contains("Broker:TlsCertificate and Broker:TlsPrivateKey go together", StringComparison.Ordinal));
        Assert.Contains(missing, f => f.Contains("/nowhere/server.crt does not exist", StringComparison.Ordinal));
        Assert.Contains(missing, f => f.Contains("/nowhere/server.key does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_security_on_Ingest_needs_its_account_on_an_external_broker()
    {
        var failures = await StartupFailures(("Security:Enabled", "true"), ("Broker:Mode", "External"));

        Assert.Contains(failures, f => f.Contains("pontive-ingest devices ingest-account", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ingest_refuses_to_send_its_password_in_clear_to_another_machine_unless_told_to()
    {
        (string, string)[] account = [("Broker:Mode", "External"), ("Broker:Username", "pontive-ingest"), ("Broker:Password", "secret-secret")];
        (string, string) remote = ("Broker:Host", "mqtt.example.go.id");

        var refused = await StartupFailures([.. account, remote]);
        var allowed = await StartupFailures([.. account, remote, ("Broker:AllowPlainTextPassword", "true")]);
        var overTls = await StartupFailures([.. account, remote, ("Broker:UseTls", "true")]);
        var onThisMachine = await StartupFailures([.. account, ("Broker:Host", "localhost")]);

        var failure = Assert.Single(refused);
        Assert.Contains("password would travel in clear to mqtt.example.go.id:1883", failure, StringComparison.Ordinal);
        Assert.Contains("Broker:UseTls=true", failure, StringComparison.Ordinal);
        Assert.Empty(allowed);
        Assert.Empty(overTls);
        Assert.Empty(onThisMachine);
    }

    private static async Task<List<string>> StartupFailures(params (string Key, string Value)[] settings)
    {
        using var data = new TemporaryFolder();
        var overrides = settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
            .Append(new KeyValuePair<string, string?>("Ingest:DataDirectory", data.Path))
            .ToList();
        await using var app = IngestHost.CreateBuilder([], overrides).Build();
        try
        {
            foreach (var validator in app.Services.GetServices<IAsyncStartupValidator>())
            {
                await validator.ValidateAsync();
            }

            return [];
        }
        catch (OptionsValidationException single)
        {
            return [.. single.Failures];
        }
        catch (AggregateException many)
        {
            return [.. many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)];
        }
    }
}
