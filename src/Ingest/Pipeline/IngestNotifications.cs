namespace Pontive.Iot.Ingest.Pipeline;

/// <summary>
/// Tells whoever listens that messages were stored or refused: the deposit acknowledgements to devices, and
/// tests that wait for a message to arrive instead of sleeping.
/// </summary>
public sealed class IngestNotifications
{
    public event Action<IReadOnlyList<InterpretedMessage>>? Stored;

    public event Action<InterpretedMessage>? Refused;

    internal void OnStored(IReadOnlyList<InterpretedMessage> messages) => Stored?.Invoke(messages);

    internal void OnRefused(InterpretedMessage message) => Refused?.Invoke(message);
}
