using System.Security.Cryptography.X509Certificates;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Integration.Tests.Servers;
using Xunit.Abstractions;
using static Pontive.Iot.Integration.Tests.Security.SecurityWorld;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// A device talks only to the city's broker: with its enrolment bundle it checks the broker's certificate against
/// the city CA and refuses, before sending its password, a broker whose certificate has expired, was signed by
/// anyone else, or is for another name. On both brokers; the certificate is the broker's, the refusal the device's.
/// </summary>
[Collection(RealServers.Collection)]
public sealed class DeviceTlsTests(RealServers servers, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _database = InfluxQl.NewDatabaseName("security_tls");
    private SecurityWorld _world = null!;

    public enum BrokerKind
    {
        Embedded,
        Mosquitto,
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task A_device_with_its_bundle_connects_to_the_broker_the_city_CA_vouches_for(BrokerKind kind)
    {
        await using var broker = await StartAsync(kind);
        await _world.EnrolAsync(Victim, broker.DevicePort);
        await broker.TakeRegistryChangesAsync();

        await using var device = await DeviceUnderTest.StartAsync(Victim, _world.BundleOf(Victim));

        await device.ConnectedAsync();
        Assert.True(device.Connection.IsConnected);
    }

    [Fact]
    public async Task A_device_set_up_by_hand_with_the_CA_as_a_file_connects_too()
    {
        await using var broker = await StartAsync(BrokerKind.Embedded);

        await using var device = await DeviceUnderTest.StartAsync(Victim, bundlePath: null, mqtt =>
        {
            mqtt.Host = "localhost";
            mqtt.Port = broker.DevicePort;
            mqtt.UseTls = true;
            mqtt.CaCertificatePath = _world.Certificates.CaCertificate;
            mqtt.Username = Victim.Username;
            mqtt.Password = _world.PasswordOf(Victim);
        });

        await device.ConnectedAsync();
        Assert.True(device.Connection.IsConnected);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task A_device_refuses_a_broker_whose_certificate_has_expired(BrokerKind kind)
    {
        using var ca = _world.LoadCa();
        var caFrom = new DateTimeOffset(ca.NotBefore);
        using var expired = CityCertificateAuthority.IssueServer(ca, ["localhost"], [System.Net.IPAddress.Loopback], caFrom, caFrom.AddMinutes(1));

        await AssertDeviceRefusesAsync(kind, expired, X509ChainStatusFlags.NotTimeValid);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task A_device_refuses_a_broker_whose_certificate_another_CA_signed(BrokerKind kind)
    {
        using var foreignCa = CityCertificateAuthority.CreateCa(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddYears(1), "CN=Not the city");
        using var foreign = CityCertificateAuthority.IssueServer(foreignCa, ["localhost"], [System.Net.IPAddress.Loopback], DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(30));

        await AssertDeviceRefusesAsync(kind, foreign, X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain);
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task A_device_refuses_a_city_certificate_made_out_to_another_name(BrokerKind kind)
    {
        await using var broker = await StartAsync(kind);
        await _world.EnrolAsync(Victim, broker.DevicePort);
        await broker.TakeRegistryChangesAsync();

        await using var device = await DeviceUnderTest.StartAsync(Victim, _world.BundleOf(Victim), mqtt => mqtt.TlsServerName = "mqtt.elsewhere.example");
        await device.AttemptFailed;

        Assert.False(device.Connection.IsConnected);
        Assert.Contains(device.Warnings, w => w.Contains("not acceptable: RemoteCertificateNameMismatch", StringComparison.Ordinal));
    }

    public async Task InitializeAsync() => _world = await SecurityWorld.CreateAsync();

    public async Task DisposeAsync()
    {
        _world.Dispose();
        using var influx = new InfluxQl(servers.InfluxDbUrl);
        await influx.DropDatabaseAsync(_database);
    }

    private async Task AssertDeviceRefusesAsync(BrokerKind kind, X509Certificate2 serverCertificate, X509ChainStatusFlags expected)
    {
        _world.UseServerCertificate(serverCertificate);
        await using var broker = await StartAsync(kind);
        await _world.EnrolAsync(Victim, broker.DevicePort);
        await broker.TakeRegistryChangesAsync();

        await using var device = await DeviceUnderTest.StartAsync(Victim, _world.BundleOf(Victim));
        await device.AttemptFailed;

        Assert.False(device.Connection.IsConnected);
        // The technician reads why in the device's log.
        var why = Assert.Single(device.Warnings, w => w.Contains("The broker's certificate", StringComparison.Ordinal));
        Assert.Contains("RemoteCertificateChainErrors", why, StringComparison.Ordinal);
        Assert.Matches(string.Join('|', Enum.GetValues<X509ChainStatusFlags>().Where(f => f != 0 && expected.HasFlag(f))), why);
        if (broker is MosquittoSecuredBroker mosquitto)
        {
            Assert.DoesNotContain($"as {Victim.Username}", mosquitto.Server.ReadLog(), StringComparison.Ordinal);
        }
    }

    private async Task<SecuredBroker> StartAsync(BrokerKind kind) => kind == BrokerKind.Embedded
        ? await EmbeddedSecuredBroker.StartAsync(_world, servers.InfluxDbUrl, _database, output)
        : await MosquittoSecuredBroker.StartAsync(_world);
}
