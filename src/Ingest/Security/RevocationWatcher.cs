using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Registry;

namespace Pontive.Iot.Ingest.Security;

/// <summary>
/// Ends the connection of a device whose account was revoked (or given a new password) while it was connected: the
/// command line changes registry.db from another process, so the registry is polled for changes
/// (<see cref="SecurityOptions.RevocationCheckInterval"/>), and only when it changed are the connected clients checked.
/// The device is told why (DISCONNECT 0x87, not authorized) and is refused when it tries again.
/// </summary>
public sealed class RevocationWatcher(
    EmbeddedBroker broker,
    EmbeddedBrokerGuard guard,
    BrokerAccounts accounts,
    IOptions<SecurityOptions> options,
    TimeProvider time,
    ILogger<RevocationWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seen = accounts.ChangesByOthers();
        SecurityLog.SecurityOn(logger, accounts.All().Count(a => a.IsActive), broker.Description);
        using var timer = new PeriodicTimer(options.Value.RevocationCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = accounts.ChangesByOthers();
                if (now != seen)
                {
                    seen = now;
                    await DisconnectRevokedAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    /// <summary>Disconnects every connected client whose account is no longer the one it signed in with.</summary>
    public async Task DisconnectRevokedAsync()
    {
        if (!broker.Server.IsStarted)
        {
            return;
        }

        foreach (var client in await broker.Server.GetClientsAsync().ConfigureAwait(false))
        {
            if (guard.IsStillAllowed(client.Id))
            {
                continue;
            }

            await broker.Server.DisconnectClientAsync(client.Id, new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                ReasonString = "this device's broker account was revoked or given a new password",
            }).ConfigureAwait(false);
            SecurityLog.RevokedClientDisconnected(logger, client.Id);
        }
    }
}
