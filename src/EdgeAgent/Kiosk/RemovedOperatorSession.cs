using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// Ends the session of an operator who no longer has an account (<c>pontive-agent operators remove</c>) at its next
/// request, so a removed operator's screen left signed in cannot go on recording or voiding deposits in that name.
/// </summary>
internal static class RemovedOperatorSession
{
    public static bool StillHasAccount(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var operators = context.HttpContext.RequestServices.GetRequiredService<OperatorStore>();
        return name is not null && operators.Exists(name);
    }
}
