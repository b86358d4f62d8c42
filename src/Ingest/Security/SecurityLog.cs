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

    [LoggerMessage(604, LogLevel.Warning, "The {Certificate} ({Path}) expires on {NotAfter:yyyy-MM-dd} UTC, in {DaysLeft} day(s): renew it before then (docs/security.md, Known limits)")]
    public static partial void CertificateExpiresSoon(ILogger logger, string certificate, string path, DateTimeOffset notAfter, int daysLeft);

    [LoggerMessage(605, LogLevel.Error, "The {Certificate} ({Path}) expired on {NotAfter:yyyy-MM-dd} UTC: devices refuse the broker until it is renewed")]
    public static partial void CertificateExpired(ILogger logger, string certificate, string path, DateTimeOffset notAfter);

    [LoggerMessage(606, LogLevel.Warning, "Cannot read the {Certificate} at {Path} to check its dates: {Error}")]
    public static partial void CertificateUnreadable(ILogger logger, string certificate, string path, string error);
}
