using Pontive.Iot.Integration.Tests.Harness.Processes;
using Pontive.Iot.Integration.Tests.Servers;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>The waits of the process-level fault tests on the agent: its backlog drained, and its sign-off written.</summary>
public static class AgentProcessWaits
{
    /// <summary>Completes when the device's ledger holds <paramref name="expected"/> deposits, every one acknowledged as stored.</summary>
    public static Task UntilDepositsStoredAsync(this AgentProcess agent, int expected)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return Polling.UntilAsync(
            () => AgentLedger.Read(agent.DatabasePath) is var ledger && ledger.Deposits.Count == expected && ledger.DepositsStored == expected,
            () => AgentLedger.Read(agent.DatabasePath).ToString(),
            $"{expected} deposits, all acknowledged as stored");
    }

    /// <summary>
    /// SIGTERM: the agent publishes its "offline" status last and exits. Once that status is in InfluxDB, everything
    /// the agent published before it is too (see <see cref="DeliveryCounter.SignedOffAsync"/>), whatever broker was between.
    /// </summary>
    public static async Task<FaultOutcome> StopAndCountAsync(
        this AgentProcess agent, InfluxQl influx, string database, string site)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(influx);
        var stoppedAt = DateTimeOffset.UtcNow;
        var exitCode = await agent.StopAsync().ConfigureAwait(false);
        Assert.True(exitCode == 0, $"pontive-agent exited with {exitCode} on SIGTERM");
        await Polling.UntilAsync(
            () => DeliveryCounter.SignedOffAsync(influx, database, site, stoppedAt),
            async () => $"no offline status of {site} since {stoppedAt:O} in InfluxDB; telemetry points {await DeliveryCounter.TelemetryPointsAsync(influx, database, site).ConfigureAwait(false)}",
            "the agent's last status").ConfigureAwait(false);
        return await DeliveryCounter.CountAsync(influx, database, site, AgentLedger.Read(agent.DatabasePath, checkIntegrity: true)).ConfigureAwait(false);
    }
}
