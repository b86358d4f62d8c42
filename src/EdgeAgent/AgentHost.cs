using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Hardware;
using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Mqtt;
using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Sampling;
using Pontive.Iot.EdgeAgent.Sensors;
using Pontive.Iot.EdgeAgent.Status;

namespace Pontive.Iot.EdgeAgent;

/// <summary>Builds the edge agent: configuration, hardware (real or emulated buses), sampling, the outbox and MQTT.</summary>
public static class AgentHost
{
    /// <summary>
    /// Settings, later ones winning: appsettings.json beside the program, the device profile given with
    /// <c>--profile</c> (for example hardware/profiles/park-kit.json), environment variables, the command line.
    /// </summary>
    /// <param name="overrides">Settings that win over all others (tests and tools use them).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? profilePath = null, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (profilePath is not null)
        {
            InsertProfile(builder.Configuration, profilePath);
        }

        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.AddEdgeAgent();
        builder.AddKiosk();
        return builder;
    }

    /// <summary>The agent, with its web side mapped: <c>/health</c>, and the kiosk when it is enabled.</summary>
    public static WebApplication BuildAgent(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = builder.Build();
        app.MapAgentEndpoints();
        return app;
    }

    public static IHostApplicationBuilder AddEdgeAgent(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSystemd();
        services.AddOptions<AgentOptions>().BindConfiguration(AgentOptions.Section).ValidateOnStart();
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.Section).ValidateOnStart();
        services.AddOptions<HardwareOptions>().BindConfiguration(HardwareOptions.Section);
        services.AddOptions<OutboxOptions>().BindConfiguration(OutboxOptions.Section).ValidateOnStart();
        services.AddOptions<ClockOptions>().BindConfiguration(ClockOptions.Section).ValidateOnStart();
        services.AddOptions<SensorListOptions>().Bind(builder.Configuration).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AgentOptions>, AgentOptionsValidator>();
        services.AddSingleton<IValidateOptions<MqttOptions>, MqttOptionsValidator>();
        services.AddSingleton<IValidateOptions<SensorListOptions>, SensorListValidator>();
        services.AddSingleton<IValidateOptions<OutboxOptions>, OutboxOptionsValidator>();
        services.AddSingleton<IValidateOptions<ClockOptions>, ClockOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        var mode = builder.Configuration.GetSection(HardwareOptions.Section).GetValue(nameof(HardwareOptions.Mode), HardwareMode.Real);
        if (mode == HardwareMode.Emulated)
        {
            services.AddOptions<SyntheticOperatorOptions>().BindConfiguration(SyntheticOperatorOptions.Section).ValidateOnStart();
            services.AddSingleton<IValidateOptions<SyntheticOperatorOptions>, SyntheticOperatorOptionsValidator>();
            services.AddHostedService<SyntheticOperator>();
            services.AddSingleton<EmulatedBuses>();
            services.AddSingleton<IBusFactory>(sp => sp.GetRequiredService<EmulatedBuses>());
        }
        else
        {
            services.AddSingleton<IBusFactory, RaspberryPiBuses>();
            services.AddHostedService<TimingPriorityProbe>();
        }

        services.AddSingleton<SensorFactory>();
        services.AddSingleton<SensorHealth>();
        services.AddSingleton<MonotonicClock>();
        services.AddSingleton<BootSession>();
        services.AddSingleton<ClockTrust>();
        services.AddSingleton<AgentDatabase>();
        services.AddSingleton<TelemetryOutbox>();
        services.AddSingleton<DepositOutbox>();
        services.AddSingleton<CorrectionOutbox>();
        services.AddSingleton<OutboxGauge>();
        services.AddSingleton<DepositRecorder>();
        services.AddSingleton<AgentTopics>();
        services.AddSingleton<BrokerConnection>();

        // Listeners subscribe before the connection starts, so the first connection already carries their subscriptions.
        services.AddHostedService<DepositAckListener>();
        services.AddHostedService<UnsyncedTimeCorrector>();
        services.AddHostedService(sp => sp.GetRequiredService<ClockTrust>());
        services.AddHostedService(sp => sp.GetRequiredService<BrokerConnection>());
        services.AddSingleton<StatusReporter>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusReporter>());
        services.AddHostedService<SensorSampler>();
        services.AddHostedService<TelemetryPublisher>();
        services.AddHostedService<DepositPublisher>();
        return builder;
    }

    /// <summary>The profile goes after appsettings.json and before environment variables, so both can still override it.</summary>
    private static void InsertProfile(ConfigurationManager configuration, string profilePath)
    {
        var fullPath = Path.GetFullPath(profilePath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"The device profile '{fullPath}' does not exist.", fullPath);
        }

        // ConfigurationManager loads a source when it is added; one inserted in the middle is not loaded. So the sources
        // after the insertion point are taken off and added again behind the profile, in their order.
        // The host's own DOTNET_ variables come first of all; the overrides that count start after the last JSON file.
        var sources = configuration.Sources;
        var lastJson = sources.ToList().FindLastIndex(s => s is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource);
        var overrides = sources.Skip(lastJson + 1).ToList();
        foreach (var source in overrides)
        {
            sources.Remove(source);
        }

        configuration.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
        foreach (var source in overrides)
        {
            ((IConfigurationBuilder)configuration).Add(source);
        }
    }
}
