using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Reports.AirQuality;
using Pontive.Iot.Ingest.Reports.Completeness;
using Pontive.Iot.Ingest.Reports.Influx;
using Pontive.Iot.Ingest.Reports.Requests;
using Pontive.Iot.Ingest.Reports.Rollups;
using Pontive.Iot.Ingest.Reports.Sensors;
using Pontive.Iot.Ingest.Reports.Waste;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest.Reports;

/// <summary>Registers reports, retention and roll-ups in Ingest's host (<see cref="AddReports"/>) or a command (<see cref="AddReportServices"/>).</summary>
public static class ReportsRegistration
{
    private const string RawWriterClient = "pontive-raw-telemetry";
    private const string LedgerWriterClient = "pontive-ledger";

    /// <summary>
    /// For Ingest's host, after its point writer is registered: the report services, the roll-up set-up at start
    /// (InfluxDB 1.x, <c>Reports:Rollups=Managed</c>), and, when <c>Reports:RawRetention</c> is set, the point writer
    /// replaced by one that sends raw telemetry to its own retention policy.
    /// </summary>
    public static IHostApplicationBuilder AddReports(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddReportServices();
        services.AddOptions<ReportsOptions>().ValidateOnStart();
        services.AddHostedService<RollupSetupService>();

        var influx = builder.Configuration.GetSection(InfluxDbOptions.Section);
        var reports = builder.Configuration.GetSection(ReportsOptions.Section);
        if (influx.GetValue(nameof(InfluxDbOptions.Api), InfluxApi.V1) == InfluxApi.V1 && reports.GetValue<TimeSpan?>(nameof(ReportsOptions.RawRetention)) is not null)
        {
            RouteTelemetry(services);
        }

        return builder;
    }

    /// <summary>The report queries, InfluxQL client, roll-up plan, set-up and backfill, bound to section <c>Reports</c>.</summary>
    public static IServiceCollection AddReportServices(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportsOptions>, ReportsOptionsAnnotationsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReportsOptions>, ReportsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient<InfluxQueryClient>()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });
        services.TryAddSingleton<ReportStorage>();
        services.TryAddSingleton<SourceSelector>();
        services.TryAddTransient<WasteReportQuery>();
        services.TryAddTransient<SensorHistoryQuery>();
        services.TryAddTransient<AirQualityQuery>();
        services.TryAddTransient<CompletenessQuery>();
        services.TryAddTransient<ReportRunner>();
        services.TryAddSingleton<RollupPlan>();
        services.TryAddSingleton<RollupStatus>();
        services.TryAddTransient<RollupBackfill>();
        // One set-up for the service and the router: its gate keeps two runs from creating the same things at once.
        services.TryAddSingleton<RollupSetup>();
        return services;
    }

    private static void RouteTelemetry(IServiceCollection services)
    {
        foreach (var name in new[] { RawWriterClient, LedgerWriterClient })
        {
            // As Ingest's own writer: long-lived, with connections renewed so a DNS change is picked up.
            services.AddHttpClient(name)
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }

        services.RemoveAll<IPointWriter>();
        services.AddSingleton<IPointWriter>(sp =>
        {
            var factory = sp.GetRequiredService<IHttpClientFactory>();
            var influxOptions = sp.GetRequiredService<IOptionsFactory<InfluxDbOptions>>();
            var ledger = new InfluxV1Writer(factory.CreateClient(LedgerWriterClient), Options.Create(influxOptions.Create(Options.DefaultName)));
            var rawOptions = influxOptions.Create(Options.DefaultName);
            var storage = sp.GetRequiredService<ReportStorage>();
            rawOptions.RetentionPolicy = storage.RawRetentionPolicy;
            var raw = new InfluxV1Writer(factory.CreateClient(RawWriterClient), Options.Create(rawOptions));
            return new TelemetryRetentionRouter(ledger, raw, sp.GetRequiredService<RollupSetup>(), storage.RawRetention!.Value,
                sp.GetRequiredService<ILogger<TelemetryRetentionRouter>>());
        });
    }
}
