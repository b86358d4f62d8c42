namespace Pontive.Iot.Ingest.Broker;

/// <summary>Ingest's side of the broker, whichever kind it is, as /health reports it.</summary>
public interface IBrokerLink
{
    /// <summary>"embedded" or "external host:port".</summary>
    string Description { get; }

    /// <summary>Embedded: the broker is listening. External: Ingest is connected and subscribed.</summary>
    bool IsUp { get; }

    /// <summary>Completes once the broker side is up for the first time (listening, or connected and subscribed).</summary>
    Task WaitUntilUpAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Publishes to a device (QoS 1); the broker keeps it in the device's session while it is offline. A retained
    /// message (the device's config) is also kept for the next time the device subscribes.
    /// </summary>
    Task PublishToDeviceAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken);
}
