using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pontive.Iot.Ingest.Reports.Commands;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Reports;

/// <summary>
/// A database of its own on the shared InfluxDB, holding the <see cref="ReportSeed"/>, and the report services pointed
/// at it (configured as <c>pontive-ingest report</c> configures them), with a clock the test sets. Dropped at the end.
/// </summary>
public sealed class ReportsDatabase : IAsyncDisposable
{
    private readonly InfluxQl _influx;
    private readonly List<ServiceProvider> _providers = [];

    private ReportsDatabase(RealServers servers, string name, ReportSeed seed)
    {
        Servers = servers;
        Name = name;
        Seed = seed;
        _influx = new InfluxQl(servers.InfluxDbUrl);
    }

    public RealServers Servers { get; }

    public string Name { get; }

    public ReportSeed Seed { get; }

    /// <summary>Now, for the reports: a week after the parks' data, unless a test moves it.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 10, 12, 0, 0, TimeSpan.FromHours(7)));

    public InfluxQl Influx => _influx;

    public static async Task<ReportsDatabase> SeedAsync(RealServers servers, ReportSeed seed)
    {
        ArgumentNullException.ThrowIfNull(servers);
        ArgumentNullException.ThrowIfNull(seed);
        var database = new ReportsDatabase(servers, InfluxQl.NewDatabaseName("reports"), seed);
        await database._influx.CreateDatabaseAsync(database.Name).ConfigureAwait(false);
        using var writer = new InfluxV1Writer(servers.InfluxDbUrl);
        await writer.WriteAsync(database.Name, seed.LineProtocol()).ConfigureAwait(false);
        return database;
    }

    /// <summary>The settings that point the reports at this database, for <c>pontive-ingest</c> or Ingest's host.</summary>
    public IEnumerable<string> Arguments(params string[] more) =>
        [$"--InfluxDb:Url={Servers.InfluxDbUrl}", $"--InfluxDb:Database={Name}", .. more];

    /// <summary>Report services on this database; <paramref name="settings"/> as <c>--Section:Name=value</c>.</summary>
    public IServiceProvider Services(params string[] settings) => Services(Clock, settings);

    /// <summary>Report services on this database with a clock of the test's own (e.g. earlier than <see cref="Clock"/>).</summary>
    public IServiceProvider Services(TimeProvider clock, params string[] settings)
    {
        var provider = ReportCommandHost.Build(Arguments(settings), services => services.AddSingleton(clock));
        _providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
        }

        await _influx.DropDatabaseAsync(Name).ConfigureAwait(false);
        _influx.Dispose();
    }
}
