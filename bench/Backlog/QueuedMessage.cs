namespace Pontive.Iot.Bench.Backlog;

/// <summary>One publish of the backlog: a device's telemetry topic and its encoded payload.</summary>
internal sealed record QueuedMessage(string Topic, byte[] Payload);
