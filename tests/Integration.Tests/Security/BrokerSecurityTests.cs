using System.Security.Cryptography.X509Certificates;
using MQTTnet;
using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Security;
using Pontive.Iot.Integration.Tests.Harness;
using static Pontive.Iot.Integration.Tests.Security.SecurityWorld;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// The attacks of issue 6, against a real broker with the city's accounts, ACL and TLS: a wrong password, an
/// anonymous client, a revoked device, publishing as another device, subscribing to everything, taking over another
/// device's client id. Each is refused with the reason code the broker gives, and nothing leaks: an observer that
/// would see a leaked message instead sees a later "canary" first, which proves the broker had processed the attempt.
/// The same tests run on both brokers (<see cref="EmbeddedBrokerSecurityTests"/>, <see cref="MosquittoSecurityTests"/>);
/// where the brokers answer differently, each states its answer.
/// </summary>
public abstract class BrokerSecurityTests : IAsyncLifetime
{
    private const string Online = """{"v":1,"t":"2026-11-28T03:15:00.120Z","state":"online"}""";
    private const string Canary = """{"v":1,"t":"2026-11-28T03:15:01.000Z","state":"online"}""";

    private SecurityWorld? _world;
    private SecuredBroker? _broker;
    private X509Certificate2? _ca;

    public static TheoryData<DeviceChannel> FromDeviceChannels => [.. DeviceChannels.FromDevice];

    protected SecurityWorld World => _world ?? throw new InvalidOperationException("Not initialised.");

    protected SecuredBroker Broker => _broker ?? throw new InvalidOperationException("Not initialised.");

    /// <summary>CONNACK for a known username with a wrong password.</summary>
    protected abstract MqttClientConnectResultCode WrongPasswordCode { get; }

    /// <summary>SUBACK for a filter outside the device's ACL (<c>#</c>, another device's config).</summary>
    protected abstract MqttClientSubscribeResultCode ForeignSubscriptionCode { get; }

    /// <summary>CONNACK for a client id that is another device's username.</summary>
    protected abstract MqttClientConnectResultCode ForeignClientIdCode { get; }

    /// <summary>How a connected device learns that its account was revoked.</summary>
    protected abstract MqttClientDisconnectReason RevokedWhileConnectedReason { get; }

    [Fact]
    public async Task An_enrolled_device_signs_in_over_TLS_and_publishes_on_its_own_topics()
    {
        await using var device = await DeviceAsync(Victim);

        var published = await device.PublishAsync(StatusOf(Victim), Online);

        Assert.Equal(MqttClientConnectResultCode.Success, device.Result.ResultCode);
        Assert.Contains(published.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
    }

    /// <summary>
    /// Every device-to-cloud channel of the wire contract passes the ACL (on Mosquitto also its guard plugin, which
    /// keeps its own list of them); the payload, a status, may still be refused by Ingest for what it says.
    /// </summary>
    [Theory]
    [MemberData(nameof(FromDeviceChannels))]
    public async Task A_device_may_publish_on_each_of_its_own_channels(DeviceChannel channel)
    {
        await using var device = await DeviceAsync(Victim);

        var published = await device.PublishAsync(DeviceTopic.Build(Victim.Site!, Victim.Device!, channel), Online);

        Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, published.ReasonCode);
    }

    [Fact]
    public async Task A_wrong_password_is_refused()
    {
        await using var device = await DeviceAsync(Victim, password: "not-the-password");

        Assert.Equal(WrongPasswordCode, device.Result.ResultCode);
        Assert.False(device.IsConnected);
    }

    [Fact]
    public async Task An_anonymous_client_is_refused_over_TLS_and_on_the_loopback_port()
    {
        await using var overTls = await SignedInClient.ConnectAsync(Broker.DevicePort, "curious-student", null, null, CityCa);
        await using var onLoopback = await SignedInClient.ConnectAsync(Broker.LocalPort, "curious-student", null, null, trustedCa: null);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, overTls.Result.ResultCode);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, onLoopback.Result.ResultCode);
    }

    [Fact]
    public async Task A_revoked_device_is_refused()
    {
        await using var device = await DeviceAsync(Revoked);

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, device.Result.ResultCode);
    }

    [Fact]
    public async Task A_device_revoked_while_connected_is_disconnected_at_once_and_refused_when_it_comes_back()
    {
        await using var device = await DeviceAsync(Victim);
        Assert.Equal(MqttClientConnectResultCode.Success, device.Result.ResultCode);

        await Broker.RevokeAsync(Victim);
        var disconnected = await device.Disconnected.WaitAsync(IngestWaits.Patience);
        await using var again = await DeviceAsync(Victim);

        Assert.Equal(RevokedWhileConnectedReason, disconnected.Reason);
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, again.Result.ResultCode);
    }

    [Fact]
    public async Task Publishing_as_another_device_is_refused_and_nobody_receives_it()
    {
        await using var observer = await IngestAccountAsync();
        await observer.SubscribeAsync(DeviceTopic.FilterForAllDevices(DeviceChannel.Status));
        await using var intruder = await DeviceAsync(Intruder);

        var spoofed = await intruder.PublishAsync(StatusOf(Victim), Online);
        var canary = await intruder.PublishAsync(StatusOf(Intruder), Canary);

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, spoofed.ReasonCode);
        Assert.True(canary.IsSuccess, $"{canary.ReasonCode} {canary.ReasonString}");
        var first = await observer.NextAsync();
        Assert.Equal(StatusOf(Intruder), first.Topic);
        await AssertSpoofingRecordedAsync(StatusOf(Victim));
    }

    [Fact]
    public async Task Subscribing_to_everything_or_to_another_device_brings_nothing()
    {
        await using var intruder = await DeviceAsync(Intruder);
        var granted = await intruder.SubscribeAsync(ConfigOf(Intruder), "#", ConfigOf(Victim), DeviceTopic.FilterForAllDevices(DeviceChannel.Status));
        await using var victim = await DeviceAsync(Victim);
        await using var city = await IngestAccountAsync();

        var victimPublished = await victim.PublishAsync(StatusOf(Victim), Online);
        var cityPublished = await city.PublishAsync(ConfigOf(Victim), "{\"for\":\"the victim only\"}");
        await city.PublishAsync(ConfigOf(Intruder), "{\"canary\":true}");

        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, granted[0]);
        Assert.Equal([ForeignSubscriptionCode, ForeignSubscriptionCode, ForeignSubscriptionCode], granted.Skip(1));
        Assert.Contains(victimPublished.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
        Assert.Contains(cityPublished.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
        var first = await intruder.NextAsync();
        Assert.Equal(ConfigOf(Intruder), first.Topic);
    }

    [Fact]
    public async Task A_connection_with_a_devices_client_id_but_another_account_does_not_take_its_session()
    {
        await using var victim = await DeviceAsync(Victim);

        await using var takeover = await DeviceAsync(Intruder, clientId: Victim.Username);
        var stillServed = await victim.PublishAsync(StatusOf(Victim), Online);

        Assert.Equal(ForeignClientIdCode, takeover.Result.ResultCode);
        Assert.Contains(stillServed.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
        Assert.True(victim.IsConnected);
        Assert.False(victim.Disconnected.IsCompleted);
        if (takeover.IsConnected)
        {
            // Let in under its own identity (Mosquitto makes the client id its username): still not the victim.
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await takeover.PublishAsync(StatusOf(Victim), Online)).ReasonCode);
        }
    }

    [Fact]
    public async Task An_oversized_packet_ends_only_its_own_connection_even_before_sign_in()
    {
        // Signed in: a 100 KB payload, over the 68 KiB packet limit, ends the sender's connection.
        await using (var device = await DeviceAsync(Victim))
        {
            try
            {
                await device.PublishAsync(StatusOf(Victim), new string('x', 100_000));
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The connection ended before the PUBACK could come: that is the point.
            }

            await device.Disconnected.WaitAsync(IngestWaits.Patience);
        }

        // Not signed in at all: a CONNECT header announcing 268 MB is refused as soon as its length is read.
        using (var raw = new System.Net.Sockets.TcpClient())
        {
            await raw.ConnectAsync(System.Net.IPAddress.Loopback, Broker.LocalPort);
            var stream = raw.GetStream();
            await stream.WriteAsync(new byte[] { 0x10, 0xFF, 0xFF, 0xFF, 0x7F, 0x00, 0x04 });
            Assert.True(await ClosedByBrokerAsync(stream), "the broker kept reading a 268 MB CONNECT");
        }

        // The broker goes on serving everyone else.
        await using var next = await DeviceAsync(Victim);
        Assert.Equal(MqttClientConnectResultCode.Success, next.Result.ResultCode);
        var published = await next.PublishAsync(StatusOf(Victim), Online);
        Assert.Contains(published.ReasonCode, new[] { MqttClientPublishReasonCode.Success, MqttClientPublishReasonCode.NoMatchingSubscribers });
    }

    public async Task InitializeAsync()
    {
        _world = await SecurityWorld.CreateAsync();
        _ca = _world.LoadCa();
        _broker = await StartBrokerAsync(_world);
    }

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        _ca?.Dispose();
        _world?.Dispose();
    }

    protected abstract Task<SecuredBroker> StartBrokerAsync(SecurityWorld world);

    /// <summary>
    /// What Ingest itself records of a spoofing attempt: nothing where no Ingest is attached (Mosquitto alone; with
    /// Ingest attached, see <see cref="IngestOnSecuredMosquittoTests"/>).
    /// </summary>
    protected virtual Task AssertSpoofingRecordedAsync(string topic) => Task.CompletedTask;

    protected static string StatusOf(BrokerIdentity device) => DeviceTopic.Build(device.Site!, device.Device!, DeviceChannel.Status);

    protected static string ConfigOf(BrokerIdentity device) => DeviceTopic.Build(device.Site!, device.Device!, DeviceChannel.Config);

    /// <summary>True when the broker closes (or resets) the connection; false if it answers with data instead.</summary>
    private static async Task<bool> ClosedByBrokerAsync(System.Net.Sockets.NetworkStream stream)
    {
        var buffer = new byte[64];
        try
        {
            return await stream.ReadAsync(buffer).AsTask().WaitAsync(IngestWaits.Patience) == 0;
        }
        catch (IOException)
        {
            return true; // reset
        }
    }

    private X509Certificate2 CityCa => _ca ?? throw new InvalidOperationException("Not initialised.");

    private Task<SignedInClient> DeviceAsync(BrokerIdentity device, string? clientId = null, string? password = null) =>
        SignedInClient.ConnectAsync(Broker.DevicePort, clientId ?? device.Username, device.Username, password ?? World.PasswordOf(device), CityCa);

    /// <summary>Ingest's account, on the plain loopback port as Ingest itself uses it: it may read every device.</summary>
    private async Task<SignedInClient> IngestAccountAsync()
    {
        var client = await SignedInClient.ConnectAsync(Broker.LocalPort, BrokerIdentity.IngestUsername, BrokerIdentity.IngestUsername, World.IngestPassword, trustedCa: null);
        Assert.Equal(MqttClientConnectResultCode.Success, client.Result.ResultCode);
        return client;
    }
}
