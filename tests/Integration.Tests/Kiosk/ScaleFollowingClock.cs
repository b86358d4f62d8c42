using Pontive.Iot.EdgeAgent.Kiosk;
using Pontive.Iot.EdgeAgent.Scales;
using Pontive.Iot.Integration.Tests.Faults;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Kiosk;

/// <summary>
/// A kiosk agent's fake clock, moved so that its scale keeps up: every move fires the scale monitor's next reading
/// and waits until the monitor has armed the one after. The weight the agent holds is then the one read at the new
/// "now" (fresh enough to record), and the next move cannot come while the monitor is still reading and skip it.
/// </summary>
internal sealed class ScaleFollowingClock
{
    /// <summary>The monitor's wait between readings (<c>Kiosk:ScaleReadInterval</c>, its default).</summary>
    public static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(200);

    private readonly TimerWatchingClock _clock = new(AgentUnderTest.Start);
    private AgentUnderTest? _agent;
    private Task? _monitorWaiting;

    public TimeProvider Time => _clock;

    public DateTimeOffset Now => _clock.GetUtcNow();

    /// <summary>For <see cref="AgentUnderTest.StartAsync"/>'s beforeStart: the monitor reads once at start, then waits.</summary>
    public void Follow(AgentUnderTest agent)
    {
        _agent = agent;
        _monitorWaiting = _clock.TimersArmedAsync(ReadInterval, 1);
    }

    /// <summary>Moves the clock (at least one read interval) and returns the reading the monitor took at the new time.</summary>
    public async Task<ScaleReading> AdvanceAsync(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, ReadInterval);
        var agent = _agent ?? throw new InvalidOperationException("Pass Follow as the agent's beforeStart.");
        await _monitorWaiting!;
        var monitor = agent.Service<ScaleMonitor>();
        var read = new TaskCompletionSource<ScaleReading>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnUpdated(ScaleReading reading) => read.TrySetResult(reading);
        monitor.Updated += OnUpdated;
        try
        {
            _monitorWaiting = _clock.TimersArmedAsync(ReadInterval, 1);
            _clock.Advance(by);
            return await read.Task.WaitAsync(IngestWaits.Patience);
        }
        finally
        {
            monitor.Updated -= OnUpdated;
        }
    }

    /// <summary>Reads the scale every read interval until it is stable within 5 g of <paramref name="kg"/>.</summary>
    public async Task<ScaleSample> StableAtAsync(double kg)
    {
        for (var reading = 0; reading < 50; reading++)
        {
            if ((await AdvanceAsync(ReadInterval)).Sample is { IsStable: true } sample && Math.Abs((double)sample.MassKg - kg) <= 0.005)
            {
                return sample;
            }
        }

        throw new InvalidOperationException($"The scale did not settle at {kg} kg within 50 readings.");
    }
}
