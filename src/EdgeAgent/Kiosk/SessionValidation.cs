using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pontive.Iot.EdgeAgent.Diagnostics;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// Checks a kiosk session on every request, before anything is done with it: an operator removed since, or a session
/// idle too long, ends here, and the request is answered as one without a session (401, nothing recorded).
/// </summary>
internal static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        SessionEndReason reason;
        if (!RemovedOperatorSession.StillHasAccount(context))
        {
            reason = SessionEndReason.OperatorRemoved;
        }
        else if (!IdleSession.KeepsGoing(context, out var idleFor))
        {
            reason = SessionEndReason.Idle;
            var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Pontive.Iot.EdgeAgent.Kiosk.Session");
            Log.SignedOutIdle(logger, name ?? string.Empty, idleFor?.ToString("c", System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown time");
        }
        else
        {
            return;
        }

        SessionEnd.Note(context.HttpContext, reason);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }
}
