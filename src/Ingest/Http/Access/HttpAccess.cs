using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.Ingest.Configuration;
using Pontive.Iot.Ingest.Security;

namespace Pontive.Iot.Ingest.Http.Access;

/// <summary>
/// Tokens on Ingest's HTTP side: a bearer token (programs) or a signed cookie after signing in with a token (the
/// dashboard in a browser), each carrying a role. <c>/health</c> stays open. Without configured tokens every endpoint is
/// open, and Ingest then refuses to listen beyond loopback.
/// </summary>
public static class HttpAccess
{
    private const string Either = "PontiveTokenOrCookie";

    public static IHostApplicationBuilder AddHttpAccess(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<HttpAccessOptions>().BindConfiguration(HttpAccessOptions.Section);
        services.AddSingleton<TokenRegistry>();
        services.AddHostedService<BoundAddressCheck>();
        var dataDirectory = builder.Configuration.GetSection(IngestOptions.Section)[nameof(IngestOptions.DataDirectory)] ?? new IngestOptions().DataDirectory;
        var keys = Path.Combine(dataDirectory, "http-keys");
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("pontive-ingest");
        // The keys sign the analysts' sign-in cookies: whoever reads them can forge one. The folder is made 0700 when
        // data protection is first used, before it writes a key (it would create the folder with the umask's mode).
        services.AddSingleton<IPostConfigureOptions<KeyManagementOptions>>(new PostConfigureOptions<KeyManagementOptions>(null, _ => PrivateFiles.Folder(keys)));
        services.AddAuthentication(Either)
            .AddPolicyScheme(Either, Either, policy => policy.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.Count > 0 ? TokenAuthenticationHandler.SchemeName : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddCookie(cookie =>
            {
                cookie.Cookie.Name = "pontive_session";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(12);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/sign-in";
                cookie.Events.OnRedirectToLogin = context =>
                {
                    // Pages go to the sign-in form; everything else answers 401.
                    if (context.Request.Path.StartsWithSegments("/dashboard", StringComparison.Ordinal))
                    {
                        context.Response.Redirect(context.RedirectUri);
                    }
                    else
                    {
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    }

                    return Task.CompletedTask;
                };
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AccessRoles.ReadReports, policy => policy.RequireRole(AccessRoles.Analyst, AccessRoles.Admin))
            .AddPolicy(AccessRoles.Administer, policy => policy.RequireRole(AccessRoles.Admin));
        return builder;
    }

    /// <summary>Requires <paramref name="policy"/> on the endpoints when tokens are configured; leaves them open otherwise.</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder endpoints, IServiceProvider services, string policy)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<TokenRegistry>().IsEnabled ? endpoints.RequireAuthorization(policy) : endpoints;
    }

    /// <summary>
    /// Open endpoints are a configuration error unless every address Ingest listens on is loopback. Checked here, before
    /// start, against every setting that gives Kestrel an address; <see cref="BoundAddressCheck"/> checks again the
    /// addresses Kestrel actually bound, whatever chose them.
    /// </summary>
    public static void RefuseOpenEndpointsBeyondLoopback(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<TokenRegistry>().IsEnabled)
        {
            return;
        }

        var open = HttpListenAddresses.Configured(app.Configuration).Where(url => !HttpListenAddresses.IsLoopback(url)).ToList();
        if (open.Count > 0)
        {
            throw OpenBeyondLoopback(open);
        }
    }

    public static void MapSignIn(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/sign-in", () => Results.Content(SignInPage.Html(error: false), "text/html; charset=utf-8"));
        app.MapPost("/sign-in", async (HttpContext http, TokenRegistry tokens) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            var role = tokens.RoleOf(form["token"].ToString());
            if (role is null)
            {
                return Results.Content(SignInPage.Html(error: true), "text/html; charset=utf-8", statusCode: StatusCodes.Status401Unauthorized);
            }

            var identity = new System.Security.Claims.ClaimsIdentity(
                [new(System.Security.Claims.ClaimTypes.Name, role), new(System.Security.Claims.ClaimTypes.Role, role)],
                CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new System.Security.Claims.ClaimsPrincipal(identity)).ConfigureAwait(false);
            var returnUrl = form["ReturnUrl"].ToString();
            return Results.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') ? "/dashboard" : returnUrl);
        }).DisableAntiforgery();
    }

    internal static OptionsValidationException OpenBeyondLoopback(IEnumerable<string> open) =>
        new(HttpAccessOptions.Section, typeof(HttpAccessOptions),
            [$"Ingest would serve reports and administration without tokens on {string.Join(", ", open)}: set HttpAccess:AdminTokens / AnalystTokens (or HttpAccess:TokensFile), or listen on 127.0.0.1 only."]);
}
