using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>Waits on the agent's deposit ledger instead of sleeping.</summary>
public static class DepositWaits
{
    /// <summary>Completes when every one of <paramref name="depositIds"/> is in <paramref name="state"/>.</summary>
    public static Task AllInStateAsync(this DepositOutbox deposits, IReadOnlyCollection<string> depositIds, DepositState state)
    {
        ArgumentNullException.ThrowIfNull(deposits);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (depositIds.All(id => deposits.Find(id)?.State == state))
            {
                done.TrySetResult();
            }
        }

        deposits.Changed += Check;
        Check();
        return done.Task.WaitAsync(IngestWaits.Patience).ContinueWith(
            t =>
            {
                deposits.Changed -= Check;
                t.GetAwaiter().GetResult();
            },
            TaskScheduler.Default);
    }
}
