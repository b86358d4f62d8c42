using MQTTnet;
using MQTTnet.Formatter;

namespace Pontive.Iot.Bench.Backlog;

/// <summary>The broker under test, and the MQTT 5 connect options every bench client starts from.</summary>
internal sealed record BrokerAddress(string Host, int Port)
{
    public MqttClientOptionsBuilder ClientOptions(string clientId) => new MqttClientOptionsBuilder()
        .WithTcpServer(Host, Port)
        .WithClientId(clientId)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithKeepAlivePeriod(TimeSpan.FromSeconds(30))
        .WithTimeout(TimeSpan.FromSeconds(30));

    /// <summary>Ends a persistent session, so the broker stops queueing for a client the bench has finished with.</summary>
    public async Task ForgetSessionAsync(string clientId, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = ClientOptions(clientId).WithCleanStart(true).WithSessionExpiryInterval(0).Build();
        await client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
        await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), cancellationToken).ConfigureAwait(false);
    }
}
