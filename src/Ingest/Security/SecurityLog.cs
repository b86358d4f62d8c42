using Microsoft.Extensions.Logging;

namespace Pontive.Iot.Ingest.Security;

/// <summary>Log lines of broker security. Event ids 6xx.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(600, LogLevel.Warning, "Refused a connection from {Endpoint} (client id '{ClientId}', username '{Username}'): {Reason}")]
    public static partial void ConnectionRefused(ILogger logger, string? endpoint, string clientId, string? username, string reason);

    [LoggerMessage(601, LogLevel.Warning, "Refused a subscription of '{Username}' to '{Filter}': not in its ACL")]
    public static partial void SubscriptionRefused(ILogger logger, string username, string filter);

    [LoggerMessage(602, LogLevel.Warning, "Disconnected '{ClientId}': its broker account was revoked or given a new password")]
    public static partial void RevokedClientDisconnected(ILogger logger, string clientId);

    [LoggerMessage(603, LogLevel.Information, "Broker security on: {Accounts} active account(s) may sign in to the {Broker}")]
    public static partial void SecurityOn(ILogger logger, int accounts, string broker);
}
