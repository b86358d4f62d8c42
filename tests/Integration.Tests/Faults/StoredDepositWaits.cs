using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Integration.Tests.Harness;

namespace Pontive.Iot.Integration.Tests.Faults;

/// <summary>"Mid-flow", as a notification: an in-process Ingest has stored so many deposit messages of a site.</summary>
public static class StoredDepositWaits
{
    /// <summary>Completes when <paramref name="ingest"/> has stored <paramref name="count"/> deposit messages of <paramref name="site"/> (resends included).</summary>
    public static Task StoredDepositsAsync(this IngestUnderTest ingest, string site, int count)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var stored = 0;
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ingest.Notifications.Stored += batch =>
        {
            var deposits = batch.Count(m => m.Topic is { } topic && topic.Site == site && topic.Channel == DeviceChannel.Deposit);
            if (Interlocked.Add(ref stored, deposits) >= count)
            {
                reached.TrySetResult();
            }
        };
        return reached.Task.WaitAsync(IngestWaits.Patience);
    }
}
