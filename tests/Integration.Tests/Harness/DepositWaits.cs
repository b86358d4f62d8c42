using Pontive.Iot.EdgeAgent.Outbox;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>Waits on the agent's deposit ledger instead of sleeping: every change of the ledger re-checks the condition.</summary>
public static class DepositWaits
{
    /// <summary>Completes when every one of <paramref name="depositIds"/> is in <paramref name="state"/>.</summary>
    public static Task AllInStateAsync(this DepositOutbox deposits, IReadOnlyCollection<string> depositIds, DepositState state)
    {
        ArgumentNullException.ThrowIfNull(deposits);
        return deposits.UntilAsync(
            () => depositIds.All(id => deposits.Find(id)?.State == state),
            () => string.Join(", ", depositIds.Select(id => $"{id}={deposits.Find(id)?.State}")));
    }

    /// <summary>Completes when <paramref name="condition"/> holds; on timeout, the message says what <paramref name="describe"/> saw.</summary>
    public static async Task UntilAsync(this DepositOutbox deposits, Func<bool> condition, Func<string> describe)
    {
        ArgumentNullException.ThrowIfNull(deposits);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check()
        {
            if (condition())
            {
                done.TrySetResult();
            }
        }

        deposits.Changed += Check;
        try
        {
            Check();
            await done.Task.WaitAsync(IngestWaits.Patience).ConfigureAwait(false);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Waited {IngestWaits.Patience} on the deposit ledger; it holds: {describe()}", ex);
        }
        finally
        {
            deposits.Changed -= Check;
        }
    }
}
