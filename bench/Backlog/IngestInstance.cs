using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Ingest;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>
/// The real Ingest service in this process, subscribed to the external broker under test with a fixed client id, so
/// that each instance resumes the persistent session the one before left.
/// </summary>
internal sealed class IngestInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private IngestInstance(WebApplication app)
    {
        _app = app;
    }

    public IngestNotifications Notifications => _app.Services.GetRequiredService<IngestNotifications>();

    /// <summary>Built, not started: listeners can be attached before the first message arrives.</summary>
    public static IngestInstance Create(BenchSettings settings, string clientId, string database, string dataDirectory)
    {
        string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
        var builder = IngestHost.CreateBuilder([], new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Broker:Mode"] = "External",
            ["Broker:Host"] = settings.Broker.Host,
            ["Broker:Port"] = Text(settings.Broker.Port),
            ["Broker:ClientId"] = clientId,
            ["Broker:SessionExpiry"] = "01:00:00",
            ["Broker:MaxUnacknowledged"] = Text(settings.MaxUnacknowledged),
            ["InfluxDb:Api"] = "V1",
            ["InfluxDb:Url"] = settings.InfluxDbUrl.ToString(),
            ["InfluxDb:Database"] = database,
            ["Ingest:DataDirectory"] = dataDirectory,
            ["Ingest:MaxBatchLines"] = Text(settings.MaxBatchLines),

            // Warnings and errors only: a failed write or a refused message must show, start-up chatter need not.
            // Set here because appsettings.json's levels would win over SetMinimumLevel.
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");

        builder.Logging.ClearProviders().AddSimpleConsole(console => console.SingleLine = true);
        var app = builder.Build();
        app.MapIngestEndpoints();
        return new IngestInstance(app);
    }

    public async Task StartAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        await _app.Services.GetRequiredService<IBrokerLink>().WaitUntilUpAsync(cancellationToken).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
