using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Tests.Support;

/// <summary>Waits for a message's outcome, failing rather than hanging when it never comes.</summary>
public static class Settled
{
    public static Task<IngestOutcome> Outcome(InboundMessage message) => message.Completion.WaitAsync(Timeouts.Test);
}
