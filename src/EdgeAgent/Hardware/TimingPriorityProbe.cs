using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Devices;
using Pontive.Iot.EdgeAgent.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Hardware;

/// <summary>
/// Says once, at start, at which priority the HX711 and HC-SR04 pulse timing will run. Whether the service may raise
/// a thread depends on the systemd unit (<c>LimitRTPRIO</c>, <c>LimitNICE</c>) and the kernel, and a technician
/// chasing jumpy weights needs to see it in the journal rather than guess. The same right holds for every thread of
/// the process, so one raise on a thread of its own tells what every timing read will get.
/// </summary>
internal sealed class TimingPriorityProbe(IOptions<SensorListOptions> sensors, ILogger<TimingPriorityProbe> logger) : IHostedService
{
    /// <summary>Drivers that time pulses on a pin by polling it.</summary>
    private static readonly string[] PulseTimedDrivers = ["hx711", "hcsr04"];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var timed = sensors.Value.Sensors
            .Where(s => PulseTimedDrivers.Contains(s.Driver, StringComparer.OrdinalIgnoreCase))
            .Select(s => s.Id)
            .ToList();
        if (timed.Count == 0)
        {
            return Task.CompletedTask;
        }

        var outcome = Probe();
        var ids = string.Join(", ", timed);
        switch (outcome)
        {
            case TimingThreadPriority.ScopeKind.RealTime:
                Log.TimingRealTime(logger, ids, TimingThreadPriority.RealTimePriority);
                break;
            case TimingThreadPriority.ScopeKind.Nice:
                Log.TimingNice(logger, ids, TimingThreadPriority.TimingNice);
                break;
            default:
                Log.TimingUnraised(logger, ids);
                break;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Raises a short-lived thread of its own, so no thread of the host keeps a changed priority.</summary>
    private static TimingThreadPriority.ScopeKind Probe()
    {
        var outcome = TimingThreadPriority.ScopeKind.Unchanged;
        var thread = new Thread(() =>
        {
            using var scope = TimingThreadPriority.Raise();
            outcome = scope.Kind;
        })
        { IsBackground = true, Name = "timing-priority-probe" };
        thread.Start();
        thread.Join();
        return outcome;
    }
}
