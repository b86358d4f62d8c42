using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>
/// What happens to a refused message: counted, logged without flooding, kept as a dead letter, and only then
/// settled (so acknowledged). If it cannot be kept it stays unacknowledged and the sender will offer it again.
/// A replayed dead letter refused again is not kept twice (see <see cref="InboundMessage.ReplayOf"/>).
/// </summary>
public sealed class RejectionKeeper(
    DeadLetterStore store,
    RejectionLog rejectionLog,
    IngestStatistics statistics,
    IngestNotifications notifications,
    ILogger<RejectionKeeper> logger)
{
    public void Refuse(InterpretedMessage message, Rejection rejection)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(rejection);
        var inbound = message.Inbound;
        statistics.MessageRejected(rejection.Code);
        var source = message.Topic is { } topic ? $"{topic.Site}/{topic.Device}" : inbound.ClientId ?? "an unknown sender";
        rejectionLog.Write(source, inbound.Topic, rejection);
        if (inbound.ReplayOf is not null)
        {
            // A replayed dead letter is kept already: the replayer marks it with this verdict once it is settled. If
            // Ingest stops in between, it stays as it was, still a dead letter, and can be replayed again.
            inbound.Settle(IngestOutcome.Refused(rejection));
            notifications.OnRefused(message with { Rejection = rejection });
            return;
        }

        try
        {
            store.Keep(inbound, rejection);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException)
        {
            Log.DeadLetterFailed(logger, ex.Message);
            return;
        }

        inbound.Settle(IngestOutcome.Refused(rejection));
        notifications.OnRefused(message with { Rejection = rejection });
    }
}
