using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Cli;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Tests.Support;

namespace Pontive.Iot.Ingest.Tests.Configuration;

/// <summary>
/// A bad setting stops Ingest at start with a message that names the setting to fix, instead of failing later
/// (or never) while devices' messages pile up. Checked through the service's own start-up validation.
/// </summary>
[Collection(ConsoleOutput.Collection)]
public sealed class ConfigurationValidationTests
{
    [Fact]
    public async Task The_default_configuration_with_InfluxDB_1_passes()
    {
        var failures = await StartupFailures();

        Assert.Empty(failures);
    }

    [Fact]
    public async Task InfluxDB_2_without_org_bucket_and_token_names_each_missing_setting()
    {
        var failures = await StartupFailures(("InfluxDb:Api", "V2"));

        Assert.Contains(failures, f => f.Contains("InfluxDb:Org", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("InfluxDb:Bucket", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("InfluxDb:Token", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InfluxDB_2_with_org_bucket_and_token_passes()
    {
        var failures = await StartupFailures(("InfluxDb:Api", "V2"), ("InfluxDb:Org", "pontianak"), ("InfluxDb:Bucket", "city"), ("InfluxDb:Token", "t0ken"));

        Assert.Empty(failures);
    }

    [Theory]
    [InlineData("localhost:8086")]
    [InlineData("127.0.0.1")]
    [InlineData("ftp://127.0.0.1:8086")]
    [InlineData("not a url")]
    public async Task A_url_that_is_not_http_names_the_setting(string url)
    {
        var failures = await StartupFailures(("InfluxDb:Url", url));

        Assert.Contains(failures, f => f.Contains("InfluxDb:Url", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InfluxDB_1_without_a_database_names_the_setting()
    {
        var failures = await StartupFailures(("InfluxDb:Database", " "));

        Assert.Contains(failures, f => f.Contains("InfluxDb:Database", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Broker_port_0_is_refused_naming_the_port()
    {
        var error = Assert.IsType<OptionsValidationException>(await StartupError(("Broker:Port", "0")));

        Assert.Equal(typeof(BrokerOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("Port", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_bad_setting_is_reported_with_its_section_and_exit_code_2_not_a_stack_trace()
    {
        var error = Assert.IsType<OptionsValidationException>(await StartupError(("Broker:Port", "0")));
        using var console = new ConsoleCapture();

        var exitCode = ConfigurationError.Report(error);

        Assert.Equal(2, exitCode);
        var text = console.Error;
        Assert.Contains("Configuration error in section 'Broker':", text, StringComparison.Ordinal);
        Assert.Contains("Port", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_size_of_zero_is_refused()
    {
        var error = Assert.IsType<OptionsValidationException>(await StartupError(("Ingest:MaxBatchLines", "0")));

        Assert.Equal(typeof(IngestOptions), error.OptionsType);
        Assert.Contains(error.Failures, f => f.Contains("MaxBatchLines", StringComparison.Ordinal));
    }

    private static async Task<List<string>> StartupFailures(params (string Key, string Value)[] settings) =>
        await StartupError(settings) switch
        {
            null => [],
            OptionsValidationException single => [.. single.Failures],
            AggregateException many => [.. many.InnerExceptions.OfType<OptionsValidationException>().SelectMany(e => e.Failures)],
            var other => throw new InvalidOperationException("unexpected start-up error", other),
        };

    private static async Task<Exception?> StartupError(params (string Key, string Value)[] settings)
    {
        var overrides = settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).ToList();
        var app = IngestHost.CreateBuilder([], overrides).Build();
        try
        {
            foreach (var validator in app.Services.GetServices<IAsyncStartupValidator>())
            {
                await validator.ValidateAsync();
            }

            return null;
        }
        catch (Exception ex) when (ex is OptionsValidationException or AggregateException)
        {
            return ex;
        }
        finally
        {
            ((IDisposable)app).Dispose();
        }
    }
}
