using Microsoft.AspNetCore.Http;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>Why a request found no session: the 401 says so, so the page tells the operator the right thing.</summary>
internal enum SessionEndReason
{
    /// <summary>No cookie, one that expired, or one the operator signed out of.</summary>
    SignedOut,

    /// <summary>The operator's account was removed (<c>pontive-agent operators remove</c>).</summary>
    OperatorRemoved,

    /// <summary>Nobody used the kiosk for <c>Kiosk:IdleTimeout</c>.</summary>
    Idle,
}

/// <summary>The 401 a request without a session gets: a problem body in the kiosk's shape, with the reason.</summary>
internal static class SessionEnd
{
    private static readonly object ReasonKey = new();

    /// <summary>Notes why this request's session was refused, for its answer.</summary>
    public static void Note(HttpContext http, SessionEndReason reason) => http.Items[ReasonKey] = reason;

    public static IResult Problem(HttpContext http) =>
        (http.Items.TryGetValue(ReasonKey, out var noted) ? noted as SessionEndReason? : null) switch
        {
            SessionEndReason.Idle => KioskProblem.Of(
                StatusCodes.Status401Unauthorized,
                "Sesi berakhir karena tidak ada aktivitas. Masukkan PIN lagi.",
                "Signed out after inactivity. Enter your PIN again.",
                new { reason = "idle" }),
            SessionEndReason.OperatorRemoved => KioskProblem.Of(
                StatusCodes.Status401Unauthorized, "Sesi berakhir. Silakan masuk lagi.", "Your session ended. Please sign in again.", new { reason = "operator_removed" }),
            _ => KioskProblem.Of(
                StatusCodes.Status401Unauthorized, "Sesi berakhir. Silakan masuk lagi.", "Your session ended. Please sign in again.", new { reason = "signed_out" }),
        };

    public static Task WriteAsync(HttpContext http) => Problem(http).ExecuteAsync(http);
}
