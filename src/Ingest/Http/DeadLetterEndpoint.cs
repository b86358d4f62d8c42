using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Ingest.Broker;
using Pontive.Iot.Ingest.DeadLetters;
using Pontive.Iot.Ingest.Pipeline;

namespace Pontive.Iot.Ingest.Http;

/// <summary>
/// <c>GET /dead-letters?limit=50&amp;code=invalid_json&amp;since=…&amp;state=pending</c>: the newest refused messages with
/// their reasons and what replays made of them; <c>GET /dead-letters/{id}</c>: one, with its replays;
/// <c>POST /dead-letters/replay</c>: send kept dead letters through the pipeline again (<see cref="DeadLetterReplayer"/>).
/// </summary>
public static class DeadLetterEndpoint
{
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/dead-letters");
        group.MapGet(string.Empty, (DeadLetterStore store, int? limit, string? code, DateTimeOffset? since, string? state) =>
        {
            if (ParseState(state) is not { } replayState)
            {
                return Results.BadRequest(new { error = $"state must be any, pending (not stored by a replay) or replayed (stored by a replay), not '{state}'" });
            }

            var take = Math.Clamp(limit ?? 50, 1, MaxLimit);
            var query = new DeadLetterQuery { Code = code, Since = since, State = replayState };
            return Results.Json(store.List(take, query).Select(DeadLetterView.From).ToList());
        });
        group.MapGet("/{id:long}", (DeadLetterStore store, long id) =>
            store.Find(id) is { } letter
                ? Results.Json(new { dead_letter = DeadLetterView.From(letter), replays = store.Replays(id) })
                : Results.NotFound(new { error = $"dead letter #{id} is not kept (never was, or dropped past DeadLetters:MaxKept)" }));
        group.MapPost("/replay", ReplayAsync);
        return group;
    }

    /// <summary>
    /// Waits until the replay is done and answers what became of each dead letter. Refused while the broker side is down:
    /// a replayed deposit's device learns it is stored only from the acknowledgement published after the write.
    /// </summary>
    private static async Task<IResult> ReplayAsync(
        ReplayRequest request,
        DeadLetterStore store,
        IngestBacklog backlog,
        IBrokerLink broker,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!request.DryRun && !broker.IsUp)
        {
            return Results.Json(new { error = $"{broker.Description} is not up: replayed deposits could not be acknowledged to their devices; try again when /health is healthy" },
                statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var replayer = new DeadLetterReplayer(store, backlog, time, loggers.CreateLogger<DeadLetterReplayer>());
        try
        {
            return Results.Json(await replayer.ReplayAsync(request, cancellationToken).ConfigureAwait(false));
        }
        catch (ReplayRequestException ex)
        {
            return Results.Json(new { error = ex.Message }, statusCode: ex.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        }
    }

    private static ReplayState? ParseState(string? state) => state switch
    {
        null or "" or "any" => ReplayState.Any,
        "pending" => ReplayState.NotStoredByReplay,
        "replayed" => ReplayState.StoredByReplay,
        _ => null,
    };
}
