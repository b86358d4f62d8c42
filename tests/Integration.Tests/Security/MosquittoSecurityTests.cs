using MQTTnet;

namespace Pontive.Iot.Integration.Tests.Security;

/// <summary>
/// The attacks against a real Mosquitto 2.0.11 set up with the files <c>devices export-mosquitto</c> wrote and
/// mosquitto-secure.conf.template. Its answers differ from the embedded broker's where stated.
/// </summary>
public sealed class MosquittoSecurityTests : BrokerSecurityTests
{
    /// <summary>Mosquitto answers a wrong password with "not authorized", like an unknown user.</summary>
    protected override MqttClientConnectResultCode WrongPasswordCode => MqttClientConnectResultCode.NotAuthorized;

    /// <summary>Mosquitto grants any subscription and applies the ACL to each message it would deliver instead.</summary>
    protected override MqttClientSubscribeResultCode ForeignSubscriptionCode => MqttClientSubscribeResultCode.GrantedQoS1;

    /// <summary>use_username_as_clientid: Mosquitto lets the connection in under its own username, not the id it asked for.</summary>
    protected override MqttClientConnectResultCode ForeignClientIdCode => MqttClientConnectResultCode.Success;

    /// <summary>
    /// On SIGHUP Mosquitto drops the connection of an account that is no longer in the password file, but closes the
    /// socket without a DISCONNECT packet, so the client cannot tell why (MQTTnet reports a normal disconnection); it
    /// learns at its next connect (0x87).
    /// </summary>
    protected override MqttClientDisconnectReason RevokedWhileConnectedReason => MqttClientDisconnectReason.NormalDisconnection;

    protected override async Task<SecuredBroker> StartBrokerAsync(SecurityWorld world) => await MosquittoSecuredBroker.StartAsync(world);
}
