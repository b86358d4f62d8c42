using Microsoft.Extensions.Logging.Abstractions;
using Pontive.Iot.EdgeAgent.Clock;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Clock;

public sealed class UnsyncedTimeCorrectorTests : IDisposable
{
    private readonly AgentStore _store = new();
    private readonly TemporaryFolder _folder = new();

    [Fact]
    public async Task Once_the_clock_is_trusted_held_readings_and_deposits_already_carry_their_real_times()
    {
        var realTime = _store.Clock.GetUtcNow();
        _store.Clock.SetWallClock(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        using var trust = ClockTrusts.WaitingForTimesync(_store.Clock, _folder.File("synchronized"), checkInterval: TimeSpan.FromSeconds(5));
        _ = new UnsyncedTimeCorrector(trust, _store.Telemetry, _store.Deposits, _store.Corrections, NullLogger<UnsyncedTimeCorrector>.Instance);
        _store.Telemetry.Append(Samples.Environment(_store.Clock.GetUtcNow(), unsynced: !trust.IsTrusted));
        var deposit = _store.Deposits.Record(DepositExamples.Message(_store.Clock.GetUtcNow()), clockUnsynced: !trust.IsTrusted);
        await trust.StartAsync(CancellationToken.None);
        await _store.Clock.RunAsync(TimeSpan.FromSeconds(40), parkedLoops: 1);

        // timesyncd sets the clock, then leaves its flag.
        _store.Clock.SetWallClock(realTime.AddSeconds(40));
        await File.WriteAllTextAsync(_folder.File("synchronized"), string.Empty);
        Assert.Equal(TimeSpan.FromSeconds(5), await _store.Clock.NextWaitAsync());
        _store.Clock.Advance(TimeSpan.FromSeconds(5));
        await trust.WhenTrustedAsync(CancellationToken.None).WaitAsync(Timeouts.Test);

        var sample = Assert.Single(_store.Telemetry.PeekBatch(10, 64 * 1024, includeUnsynced: false)).Sample;
        Assert.Equal(realTime, sample.T);
        Assert.Null(sample.Clock);
        var sent = Assert.Single(_store.Deposits.Due(10, includeUnsynced: false));
        Assert.Equal(deposit.Id, sent.Id);
        Assert.Equal(realTime, sent.T);
    }

    public void Dispose()
    {
        _store.Dispose();
        _folder.Dispose();
    }
}
