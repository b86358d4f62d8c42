using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>Messages as a broker hands them to the pipeline.</summary>
public static class Inbound
{
    public static readonly DateTimeOffset ReceivedAt = new(2026, 11, 28, 3, 15, 1, TimeSpan.Zero);

    public static InboundMessage Message(string topic, string json, string? clientId = "scale-01") =>
        new(topic, WirePayloads.Utf8(json), ReceivedAt, clientId);

    public static InboundMessage Message(string topic, byte[] payload, string? clientId = "scale-01") =>
        new(topic, payload, ReceivedAt, clientId);
}
