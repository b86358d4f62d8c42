using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Acks;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Dashboard;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Http;
using Pontive.Iot.Ingest.Http.Access;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Ingest.Reports;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Ingest.Storage;

namespace Pontive.Iot.Ingest;

/// <summary>Builds the Ingest service: configuration, the broker side, the pipeline, storage and HTTP.</summary>
public static class IngestHost
{
    /// <summary>
    /// A builder whose settings come from appsettings.json beside the program, then environment variables, then
    /// the command line (<c>--InfluxDb:Url=…</c>), as in every .NET service.
    /// </summary>
    /// <param name="overrides">Settings that win over all others (tests and tools use them).</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, IEnumerable<KeyValuePair<string, string?>>? overrides = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.AddIngest();
        return builder;
    }

    public static IHostApplicationBuilder AddIngest(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSystemd();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateOnStart();
        services.AddOptions<InfluxDbOptions>().BindConfiguration(InfluxDbOptions.Section).ValidateOnStart();
        services.AddOptions<IngestOptions>().BindConfiguration(IngestOptions.Section).ValidateOnStart();
        services.AddOptions<DeadLetterOptions>().BindConfiguration(DeadLetterOptions.Section).ValidateOnStart();
        services.AddOptions<FaultInjectionOptions>().BindConfiguration(FaultInjectionOptions.Section);
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();
        services.AddSingleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsAnnotationsValidator>();
        services.AddSingleton<IValidateOptions<InfluxDbOptions>, InfluxDbOptionsValidator>();
        services.AddSingleton<IValidateOptions<IngestOptions>, IngestOptionsValidator>();
        services.AddSingleton<IValidateOptions<DeadLetterOptions>, DeadLetterOptionsValidator>();

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<IngestStatistics>();
        services.AddSingleton<IngestNotifications>();
        services.AddSingleton<IngestBacklog>();
        services.AddSingleton<DeviceRateLimiter>();
        services.AddSingleton<DeadLetterStore>();
        services.AddSingleton<RejectionLog>();
        services.AddSingleton<RejectionKeeper>();
        services.AddSingleton<RefusedPublishes>();
        services.AddSingleton<RetryingPointWriter>();
        AddPointWriter(builder);
        services.AddHostedService<IngestWorker>();
        AddBroker(builder);
        builder.AddBrokerSecurity(); // Security (issue 6): device accounts, topic ACL and spoofing check, TLS settings
        services.AddHostedService<DepositAckPublisher>();
        services.AddSingleton<RegistryDatabase>();
        services.AddSingleton<DeviceRegistry>();
        services.AddSingleton<SiteConfigStore>();
        services.AddSingleton<ConfigDistributor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConfigDistributor>());

        builder.AddHttpAccess();
        services.Configure<JsonOptions>(json => json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);
        // Reports (issue 7): report services, roll-up set-up at start; with Reports:RawRetention, replaces IPointWriter
        // (registered above) by one that sends raw telemetry to its own retention policy.
        builder.AddReports();
        services.AddDashboard(); // Dashboard (issue 7): the page's loader and the outbox query
        return builder;
    }

    public static WebApplication MapIngestEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        HttpAccess.RefuseOpenEndpointsBeyondLoopback(app);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapSignIn();
        app.MapDeadLetters().RequireAccess(app.Services, AccessRoles.Administer);
        app.MapAdmin().RequireAccess(app.Services, AccessRoles.Administer);
        app.MapReports().RequireAccess(app.Services, AccessRoles.ReadReports); // Reports (issue 7): GET /reports/…
        app.MapDashboard().RequireAccess(app.Services, AccessRoles.ReadReports); // Dashboard (issue 7): GET /dashboard, its SVG charts
        return app;
    }

    private static void AddPointWriter(IHostApplicationBuilder builder)
    {
        var api = builder.Configuration.GetSection(InfluxDbOptions.Section).GetValue(nameof(InfluxDbOptions.Api), InfluxApi.V1);
        if (api == InfluxApi.V2)
        {
            builder.Services.AddSingleton<IPointWriter, InfluxV2Writer>();
        }
        else
        {
            // The writer lives as long as Ingest, so its connections are renewed every few minutes instead: a DNS
            // change of the InfluxDB host is picked up without a restart.
            builder.Services.AddHttpClient<IPointWriter, InfluxV1Writer>()
                .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        }
    }

    private static void AddBroker(IHostApplicationBuilder builder)
    {
        var mode = builder.Configuration.GetSection(BrokerOptions.Section).GetValue(nameof(BrokerOptions.Mode), BrokerMode.Embedded);
        var services = builder.Services;
        if (mode == BrokerMode.External)
        {
            services.AddSingleton<ExternalBrokerSubscriber>();
            services.AddSingleton<IBrokerLink>(sp => sp.GetRequiredService<ExternalBrokerSubscriber>());
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerSubscriber>());
        }
        else
        {
            services.AddSingleton<EmbeddedBrokerIngress>();
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IBrokerLink>(sp => sp.GetRequiredService<EmbeddedBroker>());
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }
    }
}
