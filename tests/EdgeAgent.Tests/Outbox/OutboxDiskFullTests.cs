using Pontive.Iot.EdgeAgent.Outbox;
using Pontive.Iot.EdgeAgent.Tests.Support;

namespace Pontive.Iot.EdgeAgent.Tests.Outbox;

/// <summary>The SD card is full: SQLite fails writes with SQLITE_FULL (made here with <c>PRAGMA max_page_count</c>).</summary>
public sealed class OutboxDiskFullTests : IDisposable
{
    private const int Attempts = 10_000;

    private readonly AgentStore _store = new();

    private DateTimeOffset Now => _store.Clock.GetUtcNow();

    [Fact]
    public void A_reading_that_does_not_fit_is_refused_with_DiskFullException_and_the_figures_stay_right()
    {
        _store.FillStorage();

        var kept = 0;
        DiskFullException? full = null;
        for (var i = 0; i < Attempts && full is null; i++)
        {
            try
            {
                _store.Telemetry.Append(Samples.Environment(Now, temperatureC: i % 50));
                kept++;
            }
            catch (DiskFullException ex)
            {
                full = ex;
            }
        }

        Assert.NotNull(full);
        var figures = _store.Telemetry.Figures();
        Assert.Equal(kept, figures.Depth);
        Assert.Equal(kept, figures.Taken);
        Assert.Equal(_store.CountTelemetryRows(), (figures.Depth, figures.Bytes));

        // Once there is room again, readings are kept and counted as before.
        _store.FreeStorage();
        _store.Telemetry.Append(Samples.Environment(Now));
        Assert.Equal(kept + 1, _store.Telemetry.Figures().Depth);
        Assert.Equal(_store.CountTelemetryRows().Rows, _store.Telemetry.Figures().Depth);
    }

    [Fact]
    public void A_deposit_that_does_not_fit_is_refused_with_DiskFullException_and_nothing_of_it_is_recorded()
    {
        _store.FillStorage();

        var recorded = new List<string>();
        DiskFullException? full = null;
        for (var i = 0; i < Attempts && full is null; i++)
        {
            try
            {
                recorded.Add(_store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false).Id);
            }
            catch (DiskFullException ex)
            {
                full = ex;
            }
        }

        Assert.NotNull(full);
        var ledger = _store.Deposits.Between(DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue);
        Assert.Equal(recorded, ledger.Select(d => d.Deposit.Id));
        Assert.Equal(recorded.Count, _store.Deposits.Figures().Depth);

        // The refused deposit did not take a millisecond: the next one follows the last recorded one directly.
        _store.FreeStorage();
        var next = _store.Deposits.Record(DepositExamples.Message(Now), clockUnsynced: false);
        Assert.Equal(ledger[^1].Deposit.T.AddMilliseconds(1), next.T);
    }

    public void Dispose() => _store.Dispose();
}
