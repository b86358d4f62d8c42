using System.Globalization;

namespace Pontive.Iot.Integration.Tests.Servers;

/// <summary>
/// The shared InfluxDB, nginx (InfluxDB 2.x write API) and Mosquitto of the "real servers"
/// collection. scripts/test.sh starts them and passes them in environment variables; when those are
/// absent (dotnet test run directly), this fixture starts private ones from the same templates and
/// stops them at the end. Tests share these servers: each uses its own database and topics. A test
/// that stops or kills a server launches its own (<see cref="InfluxDbServer"/>, <see cref="MosquittoServer"/>,
/// <see cref="NginxInfluxV2Proxy"/>) instead.
/// </summary>
public sealed class RealServers : IAsyncLifetime
{
    public const string Collection = "real servers";
    public const string InfluxDbUrlVariable = "PONTIVE_TEST_INFLUXDB_URL";
    public const string InfluxDbV2UrlVariable = "PONTIVE_TEST_INFLUXDB_V2_URL";
    public const string MosquittoPortVariable = "PONTIVE_TEST_MOSQUITTO_PORT";

    private InfluxDbServer? influxDb;
    private NginxInfluxV2Proxy? nginx;
    private MosquittoServer? mosquitto;

    /// <summary>InfluxDB 1.x: /write, /query, /ping.</summary>
    public Uri InfluxDbUrl { get; private set; } = null!;

    /// <summary>The same InfluxDB behind InfluxDB 2.x's write API, for InfluxDB.Client (bucket = database).</summary>
    public Uri InfluxDbV2Url { get; private set; } = null!;

    public static string MosquittoHost => "127.0.0.1";

    public int MosquittoPort { get; private set; }

    /// <summary>True when this fixture started the servers (no environment variables were set).</summary>
    public bool StartedHere { get; private set; }

    public async Task InitializeAsync()
    {
        var v1 = Environment.GetEnvironmentVariable(InfluxDbUrlVariable);
        var v2 = Environment.GetEnvironmentVariable(InfluxDbV2UrlVariable);
        var mqttPort = Environment.GetEnvironmentVariable(MosquittoPortVariable);
        string?[] given = [v1, v2, mqttPort];
        if (given.All(string.IsNullOrEmpty))
        {
            await StartPrivateServersAsync().ConfigureAwait(false);
            return;
        }

        if (given.Any(string.IsNullOrEmpty))
        {
            throw new InvalidOperationException(
                $"Set all of {InfluxDbUrlVariable}, {InfluxDbV2UrlVariable} and {MosquittoPortVariable}, or none (the tests then start their own servers).");
        }

        InfluxDbUrl = new Uri(v1!);
        InfluxDbV2Url = new Uri(v2!);
        MosquittoPort = int.Parse(mqttPort!, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        // nginx first: it fronts the InfluxDB.
        if (nginx is not null)
        {
            await nginx.DisposeAsync().ConfigureAwait(false);
        }

        if (mosquitto is not null)
        {
            await mosquitto.DisposeAsync().ConfigureAwait(false);
        }

        if (influxDb is not null)
        {
            await influxDb.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task StartPrivateServersAsync()
    {
        StartedHere = true;
        influxDb = await InfluxDbServer.LaunchAsync().ConfigureAwait(false);
        nginx = await NginxInfluxV2Proxy.LaunchAsync(influxDb.HttpPort).ConfigureAwait(false);
        mosquitto = await MosquittoServer.LaunchAsync().ConfigureAwait(false);
        InfluxDbUrl = influxDb.Url;
        InfluxDbV2Url = nginx.Url;
        MosquittoPort = mosquitto.Port;
    }
}
