using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Ingest;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Pipeline;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>The real Ingest service in this process, with its own data folder, HTTP port and (embedded) broker port.</summary>
public sealed class IngestUnderTest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private IngestUnderTest(WebApplication app, string dataDirectory, TestOutputLoggerProvider logs, int brokerPort)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Logs = logs;
        BrokerPort = brokerPort;
    }

    public TestOutputLoggerProvider Logs { get; }

    /// <summary>The embedded broker's port (or the external broker's, when one is configured).</summary>
    public int BrokerPort { get; }

    public Uri HttpAddress => new(_app.Urls.First());

    public IngestNotifications Notifications => _app.Services.GetRequiredService<IngestNotifications>();

    public T Service<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>Starts Ingest with <paramref name="settings"/> over defaults that suit tests (embedded broker on a free port).</summary>
    public static async Task<IngestUnderTest> StartAsync(ITestOutputHelper output, IDictionary<string, string?> settings)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("pontive-ingest-test-").FullName;
        var brokerPort = settings.TryGetValue("Broker:Port", out var port) && port is not null ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : FreePort.Next();
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Broker:Mode"] = "Embedded",
            ["Broker:Port"] = brokerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingest:DataDirectory"] = dataDirectory,
            ["Ingest:RetryDelay"] = "00:00:00.100",
            ["Ingest:RetryDelayMax"] = "00:00:01",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var builder = IngestHost.CreateBuilder([], all);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var logs = new TestOutputLoggerProvider(output, "[ingest]");
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        var app = builder.Build();
        app.MapIngestEndpoints();
        await app.StartAsync().ConfigureAwait(false);
        await app.Services.GetRequiredService<IBrokerLink>().WaitUntilUpAsync(CancellationToken.None).WaitAsync(IngestWaits.Patience).ConfigureAwait(false);
        return new IngestUnderTest(app, dataDirectory, logs, brokerPort);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
