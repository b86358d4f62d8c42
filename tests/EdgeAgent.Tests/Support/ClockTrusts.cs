using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Tests.Support;

/// <summary>Clock trust as the agent builds it: always trusted, or waiting for systemd-timesyncd's flag file.</summary>
internal static class ClockTrusts
{
    public static ClockTrust Trusted(TimeProvider time) =>
        new(Options.Create(new ClockOptions { TrustSource = ClockTrustSource.Always }), time, NullLogger<ClockTrust>.Instance);

    /// <summary>Untrusted until <paramref name="syncedFlagPath"/> exists (it does not when the test does not create it).</summary>
    public static ClockTrust WaitingForTimesync(TimeProvider time, string syncedFlagPath, TimeSpan? unsyncedHold = null, TimeSpan? checkInterval = null) =>
        new(
            Options.Create(new ClockOptions
            {
                TrustSource = ClockTrustSource.SystemdTimesync,
                SyncedFlagPath = syncedFlagPath,
                UnsyncedHold = unsyncedHold ?? TimeSpan.FromMinutes(10),
                CheckInterval = checkInterval ?? TimeSpan.FromSeconds(5),
            }),
            time,
            NullLogger<ClockTrust>.Instance);

    /// <summary>A flag path that is never created: the clock stays untrusted.</summary>
    public static string NeverSynced => Path.Combine(Path.GetTempPath(), "pontive-never-synced-" + Guid.NewGuid().ToString("N"));
}
