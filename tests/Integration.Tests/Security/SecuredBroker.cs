using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Integration.Tests.Harness;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>One of the two brokers a city may run, set up from a <see cref="SecurityWorld"/>'s registry.</summary>
public abstract class SecuredBroker : IAsyncDisposable
{
    /// <summary>The TLS port devices use.</summary>
    public abstract int DevicePort { get; }

    /// <summary>The plain port, on loopback only, for Ingest's own account.</summary>
    public abstract int LocalPort { get; }

    /// <summary>The administrator revokes a device the way this broker needs it.</summary>
    public abstract Task RevokeAsync(BrokerIdentity device);

    /// <summary>After <c>devices add</c>: the embedded broker reads registry.db at each connect; Mosquitto needs its files again.</summary>
    public virtual Task TakeRegistryChangesAsync() => Task.CompletedTask;

    public abstract ValueTask DisposeAsync();
}

/// <summary>Ingest's embedded broker with Security:Enabled and the city CA's broker certificate, storing into InfluxDB 1.x.</summary>
public sealed class EmbeddedSecuredBroker : SecuredBroker
{
    private readonly SecurityWorld _world;

    private EmbeddedSecuredBroker(SecurityWorld world, IngestUnderTest ingest, int tlsPort)
    {
        _world = world;
        Ingest = ingest;
        DevicePort = tlsPort;
    }

    public IngestUnderTest Ingest { get; }

    public override int DevicePort { get; }

    public override int LocalPort => Ingest.BrokerPort;

    public static Dictionary<string, string?> Settings(SecurityWorld world, Uri influxDbUrl, string database, int tlsPort) => new()
    {
        ["Security:Enabled"] = "true",
        // The command line revokes from outside; the broker notices at its next look at registry.db.
        ["Security:RevocationCheckInterval"] = "00:00:00.100",
        ["Ingest:DataDirectory"] = world.DataDirectory,
        ["Broker:TlsCertificate"] = world.Certificates.ServerCertificate,
        ["Broker:TlsPrivateKey"] = world.Certificates.ServerKey,
        ["Broker:TlsBindAddress"] = "127.0.0.1",
        ["Broker:TlsPort"] = tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["InfluxDb:Api"] = "V1",
        ["InfluxDb:Url"] = influxDbUrl.ToString(),
        ["InfluxDb:Database"] = database,
    };

    public static async Task<EmbeddedSecuredBroker> StartAsync(SecurityWorld world, Uri influxDbUrl, string database, ITestOutputHelper output)
    {
        var tlsPort = FreePort.Next();
        var ingest = await IngestUnderTest.StartAsync(output, Settings(world, influxDbUrl, database, tlsPort)).ConfigureAwait(false);
        return new EmbeddedSecuredBroker(world, ingest, tlsPort);
    }

    public override Task RevokeAsync(BrokerIdentity device) => _world.RevokeAsync(device);

    public override ValueTask DisposeAsync() => Ingest.DisposeAsync();
}

/// <summary>A private Mosquitto 2.0 from mosquitto-secure.conf.template, with the files export-mosquitto wrote.</summary>
public sealed class MosquittoSecuredBroker : SecuredBroker
{
    private readonly SecurityWorld _world;

    private MosquittoSecuredBroker(SecurityWorld world, MosquittoServer server)
    {
        _world = world;
        Server = server;
    }

    public MosquittoServer Server { get; }

    public override int DevicePort => Server.TlsPort!.Value;

    public override int LocalPort => Server.Port;

    public static async Task<MosquittoSecuredBroker> StartAsync(SecurityWorld world) =>
        new(world, await MosquittoServer.LaunchSecureAsync(world.MosquittoDirectory).ConfigureAwait(false));

    /// <summary>Revoke, export the files again, and reload Mosquitto (SIGHUP), as docs/security.md says.</summary>
    public override async Task RevokeAsync(BrokerIdentity device)
    {
        await _world.RevokeAsync(device).ConfigureAwait(false);
        await TakeRegistryChangesAsync().ConfigureAwait(false);
    }

    public override async Task TakeRegistryChangesAsync()
    {
        await _world.ExportMosquittoAsync().ConfigureAwait(false);
        await Server.ReloadAsync().ConfigureAwait(false);
    }

    public override ValueTask DisposeAsync() => Server.DisposeAsync();
}
