using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features.Authentication;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// Ends a session after <see cref="KioskOptions.IdleTimeout"/> without operator activity. The open page polls the
/// agent all the time, and every poll would renew the sliding cookie: by the cookie alone an unattended kiosk would
/// stay signed in for good, and anyone walking up could record or void deposits in the operator's name. So the session
/// carries the moment of its last operator action (sign-in, or a request to an endpoint marked
/// <see cref="OperatorActivity"/>), and a request that finds it too old is refused.
/// </summary>
/// <remarks>
/// The moment is kept in the cookie's authentication properties, which the agent signs and encrypts: the page cannot
/// move it, and it holds across an agent restart as the session itself does. A cookie without it (issued before the
/// agent knew about idle sessions) has no proof of activity and ends.
/// </remarks>
internal static class IdleSession
{
    private const string LastActivityKey = "pontive.last_activity";

    /// <summary>Notes an operator action at <paramref name="now"/> in the session's properties (written with the cookie).</summary>
    public static void Stamp(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items[LastActivityKey] = now.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>How long the session has gone without operator activity; null when it does not say.</summary>
    public static TimeSpan? IdleFor(AuthenticationProperties properties, DateTimeOffset now) =>
        properties.Items.TryGetValue(LastActivityKey, out var text)
        && DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var last)
            ? now - last
            : null;

    /// <summary>
    /// True when the session may go on. Then, when this request is an operator action, the session's last activity
    /// becomes now and the cookie is written again with it.
    /// </summary>
    /// <param name="idleFor">How long the session went without operator activity (null: the cookie does not say).</param>
    public static bool KeepsGoing(CookieValidatePrincipalContext context, out TimeSpan? idleFor)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var timeout = services.GetRequiredService<IOptions<KioskOptions>>().Value.IdleTimeout;
        idleFor = IdleFor(context.Properties, now);
        if (idleFor is not { } idle || idle > timeout)
        {
            return false;
        }

        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<OperatorActivity>() is not null)
        {
            Stamp(context.Properties, now);
            context.ShouldRenew = true;
        }

        return true;
    }

    /// <summary>How long this request's session has left before it ends as idle (zero without a session).</summary>
    public static TimeSpan Remaining(HttpContext http)
    {
        var properties = http.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
        var services = http.RequestServices;
        var timeout = services.GetRequiredService<IOptions<KioskOptions>>().Value.IdleTimeout;
        var idleFor = properties is null ? null : IdleFor(properties, services.GetRequiredService<TimeProvider>().GetUtcNow());
        return idleFor is { } idle && idle < timeout ? timeout - idle : TimeSpan.Zero;
    }
}
