using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>Signing in and out at the kiosk with an operator's PIN; the session is an HttpOnly, same-site cookie.</summary>
internal static class KioskSessionEndpoints
{
    public static void MapKioskSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/kiosk/operators", (OperatorStore operators) => Results.Json(operators.Names()));
        // Asking does not count as activity: the page asks when its own count says the session is about to end.
        endpoints.MapGet("/api/kiosk/session", (ClaimsPrincipal user, HttpContext http, IOptions<KioskOptions> options) =>
            user.Identity?.IsAuthenticated == true ? Results.Json(SessionView.Of(user.Identity.Name!, http, options.Value)) : SessionEnd.Problem(http));
        endpoints.MapPost("/api/kiosk/session", SignInAsync);

        // The page's "I'm here": sent on a key press or tap (at most every 15 s), and by the warning's button.
        endpoints.MapPost("/api/kiosk/session/activity", (ClaimsPrincipal user, HttpContext http, IOptions<KioskOptions> options) =>
                Results.Json(SessionView.Of(user.Identity!.Name!, http, options.Value)))
            .RequireAuthorization()
            .CountsAsOperatorActivity();
        endpoints.MapDelete("/api/kiosk/session", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest request, HttpContext http, OperatorStore operators, TimeProvider time, IOptions<KioskOptions> options, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger("Pontive.Iot.EdgeAgent.Kiosk.Session");
        var check = operators.Check(request.Operator ?? string.Empty, request.Pin ?? string.Empty);
        switch (check.Result)
        {
            case PinCheckResult.Accepted:
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, request.Operator!)], CookieAuthenticationDefaults.AuthenticationScheme);
                var session = new AuthenticationProperties();
                IdleSession.Stamp(session, time.GetUtcNow());
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity), session).ConfigureAwait(false);
                Log.OperatorSignedIn(logger, request.Operator!);
                var timeout = options.Value.IdleTimeout;
                return Results.Json(new SessionView(request.Operator!, Seconds(timeout), Seconds(timeout)));
            case PinCheckResult.Locked:
                Log.WrongPin(logger, LogSafeText.Of(request.Operator), "locked");
                var seconds = (int)Math.Ceiling(((check.LockedUntil ?? time.GetUtcNow()) - time.GetUtcNow()).TotalSeconds);
                return KioskProblem.Of(
                    StatusCodes.Status429TooManyRequests,
                    $"Terlalu banyak PIN salah. Coba lagi dalam {seconds} detik.",
                    $"Too many wrong PINs. Try again in {seconds} seconds.",
                    new { retry_after_s = seconds });
            default:
                Log.WrongPin(logger, LogSafeText.Of(request.Operator), check.Result.ToString());
                return KioskProblem.Of(StatusCodes.Status401Unauthorized, "Nama atau PIN salah.", "Wrong name or PIN.");
        }
    }

    internal sealed record SignInRequest(string? Operator, string? Pin);

    private static int Seconds(TimeSpan span) => (int)Math.Floor(span.TotalSeconds);

    /// <param name="Operator">Who is signed in.</param>
    /// <param name="IdleTimeoutS">How long the session lasts without operator activity (<c>Kiosk:IdleTimeout</c>).</param>
    /// <param name="IdleRemainingS">How long it has left now, unless the operator does something.</param>
    internal sealed record SessionView(string Operator, int IdleTimeoutS, int IdleRemainingS)
    {
        public static SessionView Of(string name, HttpContext http, KioskOptions options) =>
            new(name, Seconds(options.IdleTimeout), Seconds(IdleSession.Remaining(http)));
    }
}
