using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Clock;

public sealed class ClockTrustTests : IDisposable
{
    private readonly DeviceClock _clock = new();
    private readonly TemporaryFolder _folder = new();

    private string SyncedFlag => _folder.File("synchronized");

    [Fact]
    public async Task With_TrustSource_Always_the_clock_is_trusted_at_once_and_nothing_is_held()
    {
        using var trust = ClockTrusts.Trusted(_clock);

        Assert.True(trust.IsTrusted);
        Assert.False(trust.IsHoldingUnsynced);
        await trust.WhenTrustedAsync(CancellationToken.None).WaitAsync(TimeSpan.Zero);
    }

    [Fact]
    public async Task When_timesyncd_has_already_synchronised_the_clock_is_trusted_at_once_without_a_Trusted_event()
    {
        await File.WriteAllTextAsync(SyncedFlag, string.Empty);
        using var trust = ClockTrusts.WaitingForTimesync(_clock, SyncedFlag);
        var raised = 0;
        trust.Trusted += () => raised++;

        await trust.StartAsync(CancellationToken.None);
        await trust.ExecuteTask!.WaitAsync(Timeouts.Test);

        Assert.True(trust.IsTrusted);
        Assert.False(trust.IsHoldingUnsynced);
        Assert.Equal(0, raised);
        Assert.Equal(0, _clock.PendingWaits);
    }

    [Fact]
    public void Without_timesync_readings_are_held_for_UnsyncedHold_then_sent_as_they_are()
    {
        using var trust = ClockTrusts.WaitingForTimesync(_clock, SyncedFlag, unsyncedHold: TimeSpan.FromMinutes(10));

        Assert.False(trust.IsTrusted);
        Assert.True(trust.IsHoldingUnsynced);
        _clock.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromMilliseconds(1));
        Assert.True(trust.IsHoldingUnsynced);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.False(trust.IsHoldingUnsynced);
        Assert.False(trust.IsTrusted);
    }

    [Fact]
    public void The_hold_is_measured_on_the_monotonic_clock_so_a_wall_clock_jump_neither_ends_nor_stretches_it()
    {
        using var trust = ClockTrusts.WaitingForTimesync(_clock, SyncedFlag, unsyncedHold: TimeSpan.FromMinutes(10));

        _clock.SetWallClock(_clock.GetUtcNow().AddDays(300));
        Assert.True(trust.IsHoldingUnsynced);
        _clock.SetWallClock(_clock.GetUtcNow().AddDays(-600));
        _clock.Advance(TimeSpan.FromMinutes(10));
        Assert.False(trust.IsHoldingUnsynced);
    }

    [Fact]
    public async Task The_clock_becomes_trusted_at_the_first_check_after_the_flag_appears_and_Trusted_handlers_run_before_IsTrusted_turns_true()
    {
        using var trust = ClockTrusts.WaitingForTimesync(_clock, SyncedFlag, checkInterval: TimeSpan.FromSeconds(5));
        var trustedSeenByHandler = new List<bool>();
        trust.Trusted += () => trustedSeenByHandler.Add(trust.IsTrusted);
        await trust.StartAsync(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(5), await _clock.NextWaitAsync());
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.FromSeconds(5), await _clock.NextWaitAsync());
        await File.WriteAllTextAsync(SyncedFlag, string.Empty);
        _clock.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(1));
        Assert.False(trust.IsTrusted);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await trust.WhenTrustedAsync(CancellationToken.None).WaitAsync(Timeouts.Test);

        Assert.Equal([false], trustedSeenByHandler);
        Assert.True(trust.IsTrusted);
        Assert.False(trust.IsHoldingUnsynced);
        await trust.ExecuteTask!.WaitAsync(Timeouts.Test);
        Assert.Equal(0, _clock.PendingWaits);
    }

    [Fact]
    public async Task Stopping_while_the_clock_is_untrusted_ends_quietly()
    {
        using var trust = ClockTrusts.WaitingForTimesync(_clock, SyncedFlag);
        await trust.StartAsync(CancellationToken.None);
        await _clock.WaitForPendingAsync(1);

        await trust.StopAsync(CancellationToken.None).WaitAsync(Timeouts.Test);

        Assert.True(trust.ExecuteTask!.IsCompletedSuccessfully);
        Assert.False(trust.IsTrusted);
    }

    public void Dispose() => _folder.Dispose();
}
