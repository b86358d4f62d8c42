using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.Ingest.Diagnostics;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.DeadLetters;

/// <summary>
/// Sends kept dead letters through the pipeline again, once the cause of their refusal is fixed (typically an InfluxDB
/// token or password the city got wrong: 401/403 turned good deposits and readings into dead letters).
/// </summary>
/// <remarks>
/// The running service replays, not a separate program: each dead letter becomes an <see cref="InboundMessage"/> on the
/// same backlog the brokers feed, so it is validated, batched, written and settled by the same <c>IngestWorker</c> as
/// a live message, and a stored deposit's acknowledgement goes to its device through the broker connection only the
/// service holds (the device may have been told its deposit was refused; the acknowledgement turns it into stored).
/// A second process would need its own writer and broker connection and would race the service on the store. The
/// admin asks through the HTTP admin side (<c>POST /dead-letters/replay</c>, admin token), as
/// <c>pontive-ingest prices publish</c> does, and gets the outcome in the answer; a request file the service polls
/// would add a poll, a format and a way back for the result, for nothing.
/// Writing again is harmless: InfluxDB keeps one point per measurement, tags and time (wire contract §9), so a dead
/// letter replayed twice, or replayed after its device sent it again, is still one point.
/// </remarks>
public sealed class DeadLetterReplayer(DeadLetterStore store, IngestBacklog backlog, TimeProvider time, ILogger<DeadLetterReplayer> logger)
{
    /// <summary>
    /// Codes a replay can change: InfluxDB refused valid messages for good (a wrong token, a missing permission, a field
    /// type conflict someone since resolved). Any other code is the message's own fault (bad JSON, out of range, a
    /// malformed topic…) and the contract's rules would refuse it again, word for word.
    /// </summary>
    public static readonly IReadOnlySet<string> ReplayableCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        RejectionCode.StorageRefused.WireName(),
    };

    /// <summary>Dead letters sent through the pipeline at a time: their outcomes are awaited and marked before the next.</summary>
    private const int PageSize = 500;

    public async Task<ReplayReport> ReplayAsync(ReplayRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = QueryFor(request);
        if (!await store.ReplayGate.WaitAsync(TimeSpan.Zero, cancellationToken).ConfigureAwait(false))
        {
            throw new ReplayRequestException("another replay is running; wait for it to finish", isConflict: true);
        }

        try
        {
            var letters = new List<ReplayedLetter>();
            var upToId = store.LastId();
            var afterId = 0L;
            while (store.Page(query, afterId, upToId, PageSize) is { Count: > 0 } page)
            {
                afterId = page[^1].Id;
                var chosen = new List<DeadLetter>();
                foreach (var letter in page)
                {
                    if (WhyNotReplayable(letter, request.Force) is { } why)
                    {
                        letters.Add(ReplayedLetter.Skipped(letter, why));
                    }
                    else if (request.DryRun)
                    {
                        letters.Add(new ReplayedLetter(letter.Id, letter.Topic, ReplayedLetter.WouldReplay, letter.Code, letter.Reason));
                    }
                    else
                    {
                        chosen.Add(letter);
                    }
                }

                letters.AddRange(await ReplayPageAsync(chosen, cancellationToken).ConfigureAwait(false));
            }

            var report = new ReplayReport(request.DryRun, letters);
            if (!request.DryRun)
            {
                Log.DeadLettersReplayed(logger, report.Stored, report.Refused, report.Skipped);
            }

            return report;
        }
        finally
        {
            store.ReplayGate.Release();
        }
    }

    private async Task<List<ReplayedLetter>> ReplayPageAsync(List<DeadLetter> letters, CancellationToken cancellationToken)
    {
        var sent = new List<(DeadLetter Letter, InboundMessage Message)>(letters.Count);
        foreach (var letter in letters)
        {
            // As it arrived: same topic, bytes, sender and time of receipt.
            var message = new InboundMessage(letter.Topic, letter.Payload, letter.ReceivedAt, letter.ClientId) { ReplayOf = letter.Id };
            await backlog.EnqueueAsync(message, cancellationToken).ConfigureAwait(false);
            sent.Add((letter, message));
        }

        // If this wait is cancelled (the admin gave up, Ingest stops), what was not marked stays a dead letter as it
        // was; what the worker still writes is written once however often it is replayed.
        var results = new List<ReplayedLetter>(sent.Count);
        foreach (var (letter, message) in sent)
        {
            var outcome = await message.Completion.WaitAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            if (outcome.IsStored)
            {
                store.MarkReplayed(letter.Id, now, ReplayOutcome.Stored);
                results.Add(new ReplayedLetter(letter.Id, letter.Topic, ReplayOutcome.Stored.WireName(), letter.Code, letter.Reason));
            }
            else
            {
                var rejection = outcome.Rejection!;
                store.MarkReplayed(letter.Id, now, ReplayOutcome.Refused, rejection);
                Log.ReplayRefused(logger, letter.Id, letter.Topic, rejection.Code.WireName(), rejection.Reason);
                results.Add(new ReplayedLetter(letter.Id, letter.Topic, ReplayOutcome.Refused.WireName(), rejection.Code.WireName(), rejection.Reason));
            }
        }

        return results;
    }

    private static DeadLetterQuery QueryFor(ReplayRequest request)
    {
        var ids = request.Ids ?? [];
        if (request.Code is { } code)
        {
            if (!Enum.GetValues<RejectionCode>().Any(c => c.WireName() == code))
            {
                throw new ReplayRequestException($"'{code}' is not a rejection code; replayable: {string.Join(", ", ReplayableCodes)}");
            }

            if (!ReplayableCodes.Contains(code) && !request.Force)
            {
                throw new ReplayRequestException(NotReplayable(code) + "; add force to try anyway");
            }
        }

        // Named ids are looked at whatever became of them (a stored one is reported, not sent again); otherwise a
        // replay takes what is still waiting: those no replay has stored yet, by default InfluxDB's refusals.
        return new DeadLetterQuery
        {
            Code = request.Code ?? (ids.Count == 0 ? RejectionCode.StorageRefused.WireName() : null),
            Ids = ids,
            Since = request.Since,
            State = ids.Count == 0 ? ReplayState.NotStoredByReplay : ReplayState.Any,
        };
    }

    private static string? WhyNotReplayable(DeadLetter letter, bool force)
    {
        if (letter.LastReplay is { Outcome: ReplayOutcome.Stored } stored)
        {
            return $"already stored by a replay at {stored.At:yyyy-MM-dd HH:mm:ss}Z";
        }

        if (!force && !ReplayableCodes.Contains(letter.Code))
        {
            return NotReplayable(letter.Code);
        }

        return letter.IsComplete ? null : $"only the first {letter.Payload.Length} of its {letter.PayloadBytes} bytes were kept";
    }

    private static string NotReplayable(string code) =>
        $"{code} is the message's own fault, not the server's: replayed, it would be refused again for the same reason (only {string.Join(", ", ReplayableCodes)} can be replayed)";
}

/// <summary>What to replay. Without a code or ids: every <c>storage_refused</c> dead letter no replay has stored yet.</summary>
public sealed record ReplayRequest
{
    public string? Code { get; init; }

    public IReadOnlyList<long>? Ids { get; init; }

    public DateTimeOffset? Since { get; init; }

    /// <summary>Only say what would be replayed.</summary>
    public bool DryRun { get; init; }

    /// <summary>Also codes that are the message's own fault (after a change of the rules, say); they are usually refused again.</summary>
    public bool Force { get; init; }
}

/// <summary>What a replay did with each dead letter it looked at.</summary>
public sealed record ReplayReport(bool DryRun, IReadOnlyList<ReplayedLetter> Letters)
{
    public int Stored => Letters.Count(l => l.Outcome == ReplayOutcome.Stored.WireName());

    public int Refused => Letters.Count(l => l.Outcome == ReplayOutcome.Refused.WireName());

    public int Skipped => Letters.Count(l => l.Outcome == ReplayedLetter.SkippedOutcome);

    public int WouldReplay => Letters.Count(l => l.Outcome == ReplayedLetter.WouldReplay);
}

/// <summary>
/// One dead letter of a replay: <c>stored</c>, <c>refused</c> (with the new code and reason), <c>skipped</c> (with why)
/// or, in a dry run, <c>would_replay</c> (with the code and reason it was refused for).
/// </summary>
public sealed record ReplayedLetter(long Id, string Topic, string Outcome, string Code, string Reason)
{
    public const string SkippedOutcome = "skipped";
    public const string WouldReplay = "would_replay";

    internal static ReplayedLetter Skipped(DeadLetter letter, string why) => new(letter.Id, letter.Topic, SkippedOutcome, letter.Code, why);
}

/// <summary>A replay that cannot be done as asked: the message says why.</summary>
public sealed class ReplayRequestException : Exception
{
    public ReplayRequestException(string message, bool isConflict = false)
        : base(message)
    {
        IsConflict = isConflict;
    }

    public ReplayRequestException()
    {
    }

    public ReplayRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Another replay is running (HTTP 409), rather than a request that is wrong (HTTP 400).</summary>
    public bool IsConflict { get; }
}
