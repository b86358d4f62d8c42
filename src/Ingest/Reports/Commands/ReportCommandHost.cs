using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;

namespace Pontive.Iot.Ingest.Reports.Commands;

/// <summary>
/// The report services for a command, configured as the service is (appsettings.json beside the program, environment
/// variables, then <c>--Section:Name=value</c> arguments), without starting the service.
/// </summary>
public static class ReportCommandHost
{
    /// <param name="configurationArguments"><c>--Section:Name=value</c> settings, which win over the others.</param>
    /// <param name="configure">Last changes to the services (tests give their own clock).</param>
    /// <exception cref="OptionsValidationException">A setting is invalid.</exception>
    public static ServiceProvider Build(IEnumerable<string> configurationArguments, Action<IServiceCollection>? configure = null)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine([.. configurationArguments])
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddOptions<InfluxDbOptions>().BindConfiguration(InfluxDbOptions.Section);
        services.AddSingleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsAnnotationsValidator>();
        services.AddSingleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsValidator>();
        services.AddReportServices();
        configure?.Invoke(services);
        var provider = services.BuildServiceProvider();
        // Settings are checked now, as at the service's start, so a bad one is reported before anything runs.
        _ = provider.GetRequiredService<IOptions<InfluxDbOptions>>().Value;
        _ = provider.GetRequiredService<IOptions<ReportsOptions>>().Value;
        return provider;
    }
}
