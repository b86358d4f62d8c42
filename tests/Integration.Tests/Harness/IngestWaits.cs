using Pontive.Iot.Contracts.Topics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Integration.Tests.Harness;

/// <summary>Tasks that complete when Ingest stored or refused a message: tests await these instead of sleeping.</summary>
public static class IngestWaits
{
    /// <summary>Generous: a CI machine with two busy cores is slow, and a test that passes never waits this long.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Completes with the first stored message of <paramref name="site"/> on <paramref name="channel"/> that matches.</summary>
    public static Task<InterpretedMessage> StoredFrom(this IngestUnderTest ingest, string site, DeviceChannel channel, Func<InterpretedMessage, bool>? matches = null)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var stored = new TaskCompletionSource<InterpretedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        ingest.Notifications.Stored += batch =>
        {
            foreach (var message in batch)
            {
                if (message.Topic is { } topic && topic.Site == site && topic.Channel == channel && (matches?.Invoke(message) ?? true))
                {
                    stored.TrySetResult(message);
                }
            }
        };
        return stored.Task.WaitAsync(Patience);
    }

    /// <summary>Completes with the first message Ingest refused on <paramref name="topic"/>.</summary>
    public static Task<InterpretedMessage> RefusedOn(this IngestUnderTest ingest, string topic)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        var refused = new TaskCompletionSource<InterpretedMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        ingest.Notifications.Refused += message =>
        {
            if (message.Inbound.Topic == topic)
            {
                refused.TrySetResult(message);
            }
        };
        return refused.Task.WaitAsync(Patience);
    }
}
