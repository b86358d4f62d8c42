using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Pontive.Iot.Ingest.DeadLetters;

namespace Pontive.Iot.Ingest.Http;

/// <summary><c>GET /dead-letters?limit=50&amp;code=invalid_json</c>: the newest refused messages with their reasons.</summary>
public static class DeadLetterEndpoint
{
    public const int MaxLimit = 1000;

    public static RouteHandlerBuilder MapDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        return endpoints.MapGet("/dead-letters", (DeadLetterStore store, int? limit, string? code) =>
        {
            var take = Math.Clamp(limit ?? 50, 1, MaxLimit);
            return Results.Json(store.List(take, code).Select(DeadLetterView.From).ToList());
        });
    }
}
