namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>
/// One message as a broker delivered it, waiting for its outcome. The source that received it awaits
/// <see cref="Completion"/> and only then acknowledges it: nothing is acknowledged before it is stored or kept.
/// </summary>
public sealed class InboundMessage
{
    private readonly TaskCompletionSource<IngestOutcome> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public InboundMessage(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset receivedAt, string? clientId = null)
    {
        Topic = topic;
        Payload = payload;
        ReceivedAt = receivedAt;
        ClientId = clientId;
    }

    public string Topic { get; }

    /// <summary>A copy owned by this message: the MQTT library reuses its buffers once a handler returns.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The MQTT client id of the sender, where the broker tells it.</summary>
    public string? ClientId { get; }

    /// <summary>
    /// Set when this is a dead letter sent through the pipeline again (by <c>DeadLetterReplayer</c>): its id. Such a
    /// message is not held to its device's rate, and when it is refused again it is not kept a second time: its dead
    /// letter is marked with the new verdict instead.
    /// </summary>
    public long? ReplayOf { get; init; }

    public Task<IngestOutcome> Completion => _completion.Task;

    internal void Settle(IngestOutcome outcome) => _completion.TrySetResult(outcome);
}
