using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Pontive.Iot.Ingest.Registry;
using Pontive.Iot.Contracts.Validation;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// The embedded broker's side of <c>Security:Enabled</c>, in MQTTnet's interception hooks: who may connect (an active
/// account, the right password, client id = username), what each may subscribe to and publish on
/// (<see cref="BrokerAccessRules"/>, the same rules Mosquitto's acl_file is written from), and the spoofing check: a
/// device naming another device in its topic is refused, counted and kept as a dead letter.
/// </summary>
public sealed class EmbeddedBrokerGuard(
    BrokerAccounts accounts,
    RefusedPublishes refused,
    TimeProvider time,
    ILogger<EmbeddedBrokerGuard> logger)
{
    // Checked against when the username is unknown, so that an unknown name costs as long as a wrong password.
    private static readonly string UnknownAccountHash = PasswordHash.Hash(PasswordHash.NewPassword());

    // Which issue of its account each client signed in with: a revoked or re-issued account ends the connection.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _signedIn = new(StringComparer.Ordinal);

    internal Task OnValidatingConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var (code, reason) = Authenticate(e.UserName, e.Password, e.ClientId, out var account);
        if (code != MqttConnectReasonCode.Success)
        {
            e.ReasonCode = code;
            e.ReasonString = reason;
            SecurityLog.ConnectionRefused(logger, e.RemoteEndPoint?.ToString(), LogSafeText.Of(e.ClientId), LogSafeText.Of(e.UserName), LogSafeText.Of(reason, maxLength: 2000));
            return Task.CompletedTask;
        }

        _signedIn[e.ClientId] = account!.IssuedAt;
        return Task.CompletedTask;
    }

    /// <summary>Only filters the account's ACL covers; anything else (another device's topics, <c>#</c>) gets SUBACK 0x87.</summary>
    internal Task OnInterceptingSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        if (BrokerIdentity.TryParse(e.UserName, out var identity) && BrokerAccessRules.MaySubscribe(identity, filter))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.Response.ReasonString = $"{e.UserName} may not subscribe to '{filter}'";
        SecurityLog.SubscriptionRefused(logger, LogSafeText.Of(e.UserName), LogSafeText.Of(filter));
        return Task.CompletedTask;
    }

    /// <summary>
    /// True when the publish is within the sender's ACL. Otherwise the publish is refused with PUBACK 0x87 and kept as
    /// a dead letter: <c>spoofing</c> when its topic names another device, <c>invalid_topic</c> for anything else.
    /// </summary>
    internal bool AllowPublish(InterceptingPublishEventArgs e)
    {
        // Every network client signed in; only Ingest's own injected messages (acks, config) come without a user name.
        var username = e.UserName ?? BrokerIdentity.IngestUsername;
        var topic = e.ApplicationMessage.Topic ?? string.Empty;
        if (BrokerIdentity.TryParse(username, out var identity) && BrokerAccessRules.MayPublish(identity, topic))
        {
            return true;
        }

        var rejection = RefusedPublishes.Reason(username, topic);
        e.ProcessPublish = false;
        e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
        e.Response.ReasonString = rejection.ToString();
        refused.Keep(username, topic, e.ApplicationMessage.Payload.ToArray(), time.GetUtcNow(), rejection);
        return false;
    }

    /// <summary>True when <paramref name="clientId"/> signed in with an account that is still active and not re-issued since.</summary>
    internal bool IsStillAllowed(string clientId)
    {
        if (!_signedIn.TryGetValue(clientId, out var issuedAt))
        {
            return false;
        }

        var account = accounts.Find(clientId);
        if (account is { IsActive: true } && account.IssuedAt == issuedAt)
        {
            return true;
        }

        _signedIn.TryRemove(clientId, out _);
        return false;
    }

    private (MqttConnectReasonCode Code, string Reason) Authenticate(string? username, string? password, string? clientId, out BrokerAccount? account)
    {
        account = null;
        if (string.IsNullOrEmpty(username))
        {
            return (MqttConnectReasonCode.NotAuthorized, "this broker takes no anonymous clients: sign in with the device's account from its enrolment bundle");
        }

        account = BrokerIdentity.TryParse(username, out _) ? accounts.Find(username) : null;
        if (!PasswordHash.Verify(password, account?.PasswordHash ?? UnknownAccountHash) || account is null)
        {
            account = null;
            return (MqttConnectReasonCode.BadUserNameOrPassword, "unknown username or wrong password");
        }

        if (!account.IsActive)
        {
            return (MqttConnectReasonCode.NotAuthorized, $"the account {username} was revoked on {account.RevokedAt:yyyy-MM-dd HH:mm}Z");
        }

        if (clientId != username)
        {
            return (MqttConnectReasonCode.ClientIdentifierNotValid, $"an account connects with its username as client id: '{username}', not '{clientId}'");
        }

        return (MqttConnectReasonCode.Success, string.Empty);
    }
}
