using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pontive.Iot.EdgeAgent.Configuration;
using Pontive.Iot.EdgeAgent.Deposits;
using Pontive.Iot.EdgeAgent.Status;

namespace Pontive.Iot.EdgeAgent.Kiosk;

/// <summary>
/// The agent's web side: <c>/health</c> (the device status, for a technician on the LAN) always, and, when
/// <see cref="KioskOptions.Enabled"/>, the waste bank's kiosk page and its API.
/// </summary>
public static class KioskHost
{
    public static IHostApplicationBuilder AddKiosk(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<KioskOptions>().BindConfiguration(KioskOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<KioskOptions>, KioskOptionsValidator>();
        services.Configure<Microsoft.AspNetCore.Http.Json.JsonOptions>(json => json.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
        if (!IsEnabled(builder))
        {
            return builder;
        }

        services.AddSingleton<PriceTableCache>();
        services.AddHostedService(sp => sp.GetRequiredService<PriceTableCache>());
        services.AddSingleton<ScaleMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ScaleMonitor>());
        services.AddSingleton<OperatorStore>();
        services.AddSingleton<DepositVoider>();
        services.AddSingleton<DayLedger>();
        services.AddSingleton<ReceiptReader>();

        // Session cookies are signed with keys kept in the data folder, so operators stay signed in across restarts.
        var dataDirectory = builder.Configuration.GetSection(AgentOptions.Section)[nameof(AgentOptions.DataDirectory)] ?? new AgentOptions().DataDirectory;
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "kiosk-keys"))).SetApplicationName("pontive-kiosk");
        var sessionTimeout = builder.Configuration.GetSection(KioskOptions.Section).GetValue(nameof(KioskOptions.SessionTimeout), new KioskOptions().SessionTimeout);
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(cookie =>
        {
            cookie.Cookie.Name = "pontive_kiosk";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = sessionTimeout;

            // An API answers 401 with a body saying why (no session, a removed operator, idle), not a redirect to a
            // login page.
            cookie.Events.OnRedirectToLogin = context => SessionEnd.WriteAsync(context.HttpContext);
            cookie.Events.OnValidatePrincipal = SessionValidation.ValidateAsync;
        });
        services.AddAuthorization();
        return builder;
    }

    public static WebApplication MapAgentEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/health", (StatusReporter status) => Results.Json(status.Current()));
        if (!app.Services.GetRequiredService<IOptions<KioskOptions>>().Value.Enabled)
        {
            return app;
        }

        var pages = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "Kiosk", "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = pages });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = pages });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapKioskSession();
        app.MapKioskDesk();
        return app;
    }

    private static bool IsEnabled(IHostApplicationBuilder builder) =>
        builder.Configuration.GetSection(KioskOptions.Section).GetValue(nameof(KioskOptions.Enabled), false);
}
