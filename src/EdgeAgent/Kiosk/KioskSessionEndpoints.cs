using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Pontive.Iot.Contracts.Validation;
using Pontive.Iot.EdgeAgent.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>Signing in and out at the kiosk with an operator's PIN; the session is an HttpOnly, same-site cookie.</summary>
internal static class KioskSessionEndpoints
{
    public static void MapKioskSession(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/kiosk/operators", (OperatorStore operators) => Results.Json(operators.Names()));
        endpoints.MapGet("/api/kiosk/session", (ClaimsPrincipal user) =>
            user.Identity?.IsAuthenticated == true ? Results.Json(new SessionView(user.Identity.Name!)) : Results.Unauthorized());
        endpoints.MapPost("/api/kiosk/session", SignInAsync);
        endpoints.MapDelete("/api/kiosk/session", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> SignInAsync(SignInRequest request, HttpContext http, OperatorStore operators, TimeProvider time, ILoggerFactory logs)
    {
        var logger = logs.CreateLogger("Pontive.Iot.EdgeAgent.Kiosk.Session");
        var check = operators.Check(request.Operator ?? string.Empty, request.Pin ?? string.Empty);
        switch (check.Result)
        {
            case PinCheckResult.Accepted:
                var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, request.Operator!)], CookieAuthenticationDefaults.AuthenticationScheme);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
                Log.OperatorSignedIn(logger, request.Operator!);
                return Results.Json(new SessionView(request.Operator!));
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

    internal sealed record SessionView(string Operator);
}
